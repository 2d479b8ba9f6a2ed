using System;
using NetGen.Numerics;

/// <summary>
/// The adding problem of Hochreiter &amp; Schmidhuber, "Long Short-Term Memory", Neural Computation 9(8):1735–1780
/// (1997), section 5.4, experiment 4, generated as published:
/// <list type="bullet">
/// <item>Each step is a pair (value, marker); the value is uniform in [−1, 1].</item>
/// <item>The length of a sequence is uniform in [T, T + T/10] (whole numbers; T/10 rounded down).</item>
/// <item>One of the first 10 pairs is marked (its value is X1), then one of the first T/2 − 1 pairs that is not
///   yet marked (its value is X2). A marked pair's marker is 1.0.</item>
/// <item>The first and the last pair carry the marker −1 unless marked; every other marker is 0.</item>
/// <item>In the rare case where the first pair gets marked, the paper sets X1 to zero: the value of a marked first
///   pair is set to 0. The paper names only X1, which is the usual case (probability 1/10); when X2 lands on the
///   first pair (probability 9/10 · 1/(T/2 − 2)) this sample applies the same rule to X2.</item>
/// <item>The target, at the end of the sequence only, is 0.5 + (X1 + X2)/4.0: the sum scaled into [0, 1].</item>
/// <item>A sequence is processed correctly when the absolute error at its end is below 0.04.</item>
/// </list>
/// Sequences are written step-major, two values a step, as NetGen's recurrent networks read them.
/// </summary>
public sealed class AddingTask
{
    /// <summary>The minimal length T used by default, and the SequenceLength the networks are declared with.</summary>
    public const int DefaultMinLength = 100;
    /// <summary>T must reach 22 so that the window of X2 (the first T/2 − 1 pairs) contains the window of X1.</summary>
    public const int SmallestMinLength = 22, LargestMinLength = 1000;
    /// <summary>X1 is one of the first this many pairs.</summary>
    public const int FirstMarkWindow = 10;
    /// <summary>A sequence is correct when |output − target| is below this.</summary>
    public const float Tolerance = 0.04f;
    /// <summary>Values per step: the value and the marker.</summary>
    public const int PairSize = 2;

    /// <summary>A task with minimal sequence length <paramref name="minLength"/> (T).</summary>
    public AddingTask(int minLength)
    {
        if (minLength < SmallestMinLength || minLength > LargestMinLength)
            throw new ArgumentOutOfRangeException(nameof(minLength), minLength, $"Must be in {SmallestMinLength}..{LargestMinLength}.");
        MinLength = minLength;
        MaxLength = minLength + minLength / 10;
        SecondMarkWindow = minLength / 2 - 1;
    }

    /// <summary>T, the shortest sequence.</summary>
    public int MinLength { get; }
    /// <summary>T + T/10, the longest sequence.</summary>
    public int MaxLength { get; }
    /// <summary>T/2 − 1: X2 is one of the first this many pairs (not the one holding X1).</summary>
    public int SecondMarkWindow { get; }
    /// <summary>The fewest steps between X2 and the end of a sequence: the time lag the network must bridge.</summary>
    public int MinimalLag => MinLength - SecondMarkWindow;
    /// <summary>Room for the longest sequence.</summary>
    public int MaxValues => MaxLength * PairSize;

    /// <summary>
    /// Writes a fresh sequence into <paramref name="pairs"/> (at least <see cref="MaxValues"/> long) and returns its
    /// number of steps; <paramref name="target"/> receives 0.5 + (X1 + X2)/4.
    /// </summary>
    public int Next(SeededRandom random, Span<float> pairs, out float target)
    {
        int length = MinLength + random.NextInt(MaxLength - MinLength + 1);
        Span<float> sequence = pairs[..(length * PairSize)];
        for (int t = 0; t < length; t++)
        {
            sequence[t * PairSize] = (float)random.NextSymmetric(1.0);
            sequence[t * PairSize + 1] = 0f;
        }
        sequence[1] = -1f;                             // the first pair's marker
        sequence[(length - 1) * PairSize + 1] = -1f;   // the last pair's (never marked: X2 lies in the first half)

        int first = random.NextInt(FirstMarkWindow);
        int second = random.NextInt(SecondMarkWindow - 1); // the first T/2 − 1 pairs but the one holding X1
        if (second >= first) second++;
        float x1 = Mark(sequence, first), x2 = Mark(sequence, second);
        target = 0.5f + (x1 + x2) / 4.0f;
        return length;
    }

    /// <summary>Marks the pair at <paramref name="step"/> and returns its value, set to 0 on the first pair.</summary>
    private static float Mark(Span<float> sequence, int step)
    {
        sequence[step * PairSize + 1] = 1f;
        if (step == 0) sequence[0] = 0f;
        return sequence[step * PairSize];
    }

    /// <summary>
    /// The mean squared error of always answering 0.5, the best answer that ignores the inputs:
    /// E[((X1 + X2)/4)²] = (E[X1²] + E[X2²])/16, as X1 and X2 are independent with mean 0. A value uniform in
    /// [−1, 1] has E[X²] = ∫x²/2 dx over [−1, 1] = 1/3, so without the first-pair rule this is (2/3)/16 = 1/24 ≈ 0.0417.
    /// A value on the first pair is 0 instead, which happens to X1 with probability 1/10 and to X2 with
    /// probability (9/10)·1/(T/2 − 2): E[Xi²] = (1 − P(first pair))/3, a little under 0.0417 (0.0392 for T = 100).
    /// </summary>
    public double ConstantAnswerMse
    {
        get
        {
            double firstOnFirstPair = 1.0 / FirstMarkWindow;
            double secondOnFirstPair = (1 - firstOnFirstPair) / (SecondMarkWindow - 1);
            return ((1 - firstOnFirstPair) / 3 + (1 - secondOnFirstPair) / 3) / 16;
        }
    }

    /// <summary>The same without the first-pair rule: Var((X1 + X2)/4) = (1/3 + 1/3)/16 = 1/24.</summary>
    public const double IndependentUniformMse = 1.0 / 24;
}
