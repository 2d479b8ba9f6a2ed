using System;

namespace NetGen.Tests;

/// <summary>Small binary data sets for the pre-training tests.</summary>
internal static class PretrainingData
{
    /// <summary>Four 6-bit patterns.</summary>
    public static readonly float[][] Patterns =
    [
        [1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 1, 1],
        [1, 1, 0, 0, 1, 1],
        [0, 0, 1, 1, 0, 0],
    ];

    /// <summary>The patterns, cycled <paramref name="copies"/> times; the one-hot target says whether bit 0 is set (class 0) or not (class 1).</summary>
    public static Dataset Repeated(int copies)
    {
        var inputs = new float[copies * Patterns.Length * 6];
        var targets = new float[copies * Patterns.Length * 2];
        for (int i = 0; i < copies * Patterns.Length; i++)
        {
            float[] pattern = Patterns[i % Patterns.Length];
            pattern.CopyTo(inputs, i * 6);
            targets[i * 2 + (pattern[0] == 1f ? 0 : 1)] = 1f;
        }
        return new Dataset(inputs, 6, targets, 2);
    }

    /// <summary>The 2^n binary vectors of length n, in counting order (bit 0 of the index is unit 0).</summary>
    public static float[][] AllBinary(int n)
    {
        var states = new float[1 << n][];
        for (int s = 0; s < states.Length; s++)
        {
            states[s] = new float[n];
            for (int i = 0; i < n; i++) states[s][i] = (s >> i) & 1;
        }
        return states;
    }

    /// <summary>The index of a binary vector in <see cref="AllBinary"/>.</summary>
    public static int IndexOf(ReadOnlySpan<float> state)
    {
        int index = 0;
        for (int i = 0; i < state.Length; i++) if (state[i] == 1f) index |= 1 << i;
        return index;
    }
}
