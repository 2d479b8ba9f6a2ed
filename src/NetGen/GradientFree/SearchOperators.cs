using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// The operators of <see cref="RandomSearch"/> and <see cref="GeneticAlgorithm"/>, public so that they can be tested
/// and reused. Each is a pure function of its arguments and the generator's state, and allocates nothing.
/// </summary>
public static class SearchOperators
{
    /// <summary>Sets every value of <paramref name="genes"/> uniformly in [−<paramref name="range"/>, <paramref name="range"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is not a positive finite number.</exception>
    public static void FillUniform(Span<float> genes, float range, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(range > 0f && float.IsFinite(range))) throw new ArgumentOutOfRangeException(nameof(range), range, "Must be a positive finite number.");
        for (int i = 0; i < genes.Length; i++) genes[i] = (float)random.NextSymmetric(range);
    }

    /// <summary>
    /// Tournament selection: draws <paramref name="size"/> indices into <paramref name="losses"/> uniformly with
    /// replacement (<see cref="SeededRandom.NextInt"/>) and returns the one with the lowest loss, the first drawn among equals.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not in [1, losses.Length].</exception>
    public static int Tournament(ReadOnlySpan<float> losses, int size, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (size < 1 || size > losses.Length)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Must be in [1, {losses.Length}] (the number of losses).");
        int winner = random.NextInt(losses.Length);
        for (int round = 1; round < size; round++)
        {
            int contender = random.NextInt(losses.Length);
            if (losses[contender] < losses[winner]) winner = contender;
        }
        return winner;
    }

    /// <summary>
    /// Uniform crossover: gene i comes from <paramref name="second"/> if bit i mod 64 of the (i / 64)-th
    /// <see cref="SeededRandom.NextUInt64"/> is set, otherwise from <paramref name="first"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static void UniformCrossover(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> child, SeededRandom random)
    {
        CheckParents(first, second, child, random);
        ulong bits = 0;
        for (int i = 0; i < child.Length; i++)
        {
            if (i % 64 == 0) bits = random.NextUInt64();
            child[i] = (bits >> (i % 64) & 1) == 0 ? first[i] : second[i];
        }
    }

    /// <summary>
    /// One-point crossover: a cut c = 1 + <see cref="SeededRandom.NextInt"/>(n − 1), so both parents contribute;
    /// genes [0, c) come from <paramref name="first"/> and [c, n) from <paramref name="second"/>. With fewer than two
    /// genes there is no cut and the child is a copy of <paramref name="first"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The three spans differ in length.</exception>
    public static void OnePointCrossover(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> child, SeededRandom random)
    {
        CheckParents(first, second, child, random);
        int cut = child.Length < 2 ? child.Length : 1 + random.NextInt(child.Length - 1);
        first[..cut].CopyTo(child);
        second[cut..].CopyTo(child[cut..]);
    }

    /// <summary>
    /// Gaussian mutation: for each gene in turn, with probability <paramref name="rate"/>
    /// (<see cref="SeededRandom.NextDouble"/> &lt; rate) adds <paramref name="standardDeviation"/> ·
    /// <see cref="SeededRandom.NextNormal"/>. A rate of 0 draws nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1] or <paramref name="standardDeviation"/> is negative or not finite.</exception>
    public static void GaussianMutation(Span<float> genes, float rate, float standardDeviation, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(rate >= 0f && rate <= 1f)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Must be a probability in [0, 1].");
        if (!(standardDeviation >= 0f && float.IsFinite(standardDeviation)))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Must be a non-negative finite number.");
        if (rate == 0f) return;
        for (int i = 0; i < genes.Length; i++)
            if (random.NextDouble() < rate) genes[i] += (float)(standardDeviation * random.NextNormal());
    }

    private static void CheckParents(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> child, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (second.Length != first.Length)
            throw new ArgumentException($"Expected {first.Length} genes (as the first parent), got {second.Length}.", nameof(second));
        if (child.Length != first.Length)
            throw new ArgumentException($"Expected {first.Length} genes (as the parents), got {child.Length}.", nameof(child));
    }
}
