using System;

namespace NetGen.Numerics;

/// <summary>
/// SplitMix64: a small generator whose output is a pure function of its seed on every machine and
/// runtime (System.Random's algorithm is not part of its contract). Only integer arithmetic and exact
/// conversions, so initial weights are bitwise reproducible.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    /// <summary>A stream for <paramref name="seed"/>; <paramref name="stream"/> separates independent uses (e.g. one per layer).</summary>
    public SeededRandom(int seed, int stream = 0) => Reseed(seed, stream);

    /// <summary>
    /// Restarts this generator as <c>new SeededRandom(seed, stream)</c> would start, without allocating: one
    /// generator per worker thread can serve many streams (e.g. one per candidate in a search).
    /// </summary>
    public void Reseed(int seed, int stream = 0)
    {
        _state = Start(seed, stream);
        NextUInt64();
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Advance(ref _state);

    /// <summary>
    /// What the <paramref name="index"/>-th call (from 0) of <see cref="NextUInt64"/> on <c>new SeededRandom(seed, stream)</c>
    /// returns, computed directly: SplitMix64's state only advances by a constant, so any position can be read without the ones before.
    /// </summary>
    public static ulong OutputAt(int seed, int stream, long index) => Mix(StateBefore(seed, stream, index) + Increment);

    /// <summary>The state from which <see cref="Advance"/> returns <see cref="OutputAt"/>(seed, stream, index), then the outputs after it.</summary>
    internal static ulong StateBefore(int seed, int stream, long index)
        => unchecked(Start(seed, stream) + (ulong)(index + 1) * Increment); // Reseed draws once before the first call

    /// <summary>The next output from <paramref name="state"/>, as <see cref="NextUInt64"/> computes it.</summary>
    internal static ulong Advance(ref ulong state) => Mix(state += Increment);

    private const ulong Increment = 0x9E3779B97F4A7C15UL;

    private static ulong Start(int seed, int stream) => unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream * 0xD1B54A32D192ED03UL);

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [−a, a).</summary>
    public double NextSymmetric(double a) => (2.0 * NextDouble() - 1.0) * a;

    /// <summary>A whole number in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        ulong limit = ulong.MaxValue - ulong.MaxValue % (ulong)maxExclusive;
        ulong bits;
        do bits = NextUInt64(); while (bits >= limit);
        return (int)(bits % (ulong)maxExclusive);
    }

    /// <summary>
    /// Approximately standard normal: the Irwin–Hall sum of 12 uniforms minus 6 (mean 0, variance 1,
    /// support ±6). Unlike Box–Muller it needs no log or cosine, whose last bit differs between C runtimes.
    /// </summary>
    public double NextNormal()
    {
        double sum = 0;
        for (int i = 0; i < 12; i++) sum += NextDouble();
        return sum - 6.0;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
