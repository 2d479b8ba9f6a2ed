using System;
using NetGen.Numerics;

namespace NetGen.Tests;

/// <summary>Deterministic inputs and targets for the tests.</summary>
internal static class TestData
{
    /// <summary><paramref name="count"/> values uniform in [−<paramref name="scale"/>, <paramref name="scale"/>).</summary>
    public static float[] Uniform(int count, int seed, double scale = 1.0)
    {
        var random = new SeededRandom(seed, 1000);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)random.NextSymmetric(scale);
        return values;
    }

    /// <summary>Probabilities in [0.05, 0.95], as BCE targets (soft labels exercise both log terms).</summary>
    public static float[] Probabilities(int count, int seed)
    {
        var random = new SeededRandom(seed, 2000);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(0.05 + 0.9 * random.NextDouble());
        return values;
    }

    /// <summary>A one-hot row of <paramref name="classes"/> values.</summary>
    public static float[] OneHot(int classes, int hot)
    {
        var values = new float[classes];
        values[hot] = 1f;
        return values;
    }

    /// <summary>A soft probability vector (positive, sums to 1) over <paramref name="classes"/>.</summary>
    public static float[] SoftTarget(int classes, int seed)
    {
        var random = new SeededRandom(seed, 3000);
        var values = new float[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) sum += values[i] = (float)(0.1 + random.NextDouble());
        for (int i = 0; i < classes; i++) values[i] = (float)(values[i] / sum);
        return values;
    }

    /// <summary>A target suited to <paramref name="loss"/> for a network with <paramref name="outputs"/> outputs.</summary>
    public static float[] Target(Loss loss, int outputs, int seed) => loss switch
    {
        Loss.BinaryCrossEntropy => Probabilities(outputs, seed),
        Loss.CrossEntropy => OneHot(outputs, Math.Abs(seed) % outputs),
        _ => Uniform(outputs, seed),
    };

    /// <summary>Float bits, so that comparisons are bitwise (and NaN-safe).</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
