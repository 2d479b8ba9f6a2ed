using System;

namespace NetGen.Benchmarks;

/// <summary>Deterministic inputs and targets for the workloads.</summary>
public static class Data
{
    /// <summary><paramref name="count"/> values uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float[] Uniform(int count, int seed, float min = -1f, float max = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = min + (max - min) * random.NextSingle();
        return values;
    }

    /// <summary><paramref name="rows"/> one-hot rows of <paramref name="classes"/> values, classes drawn at random.</summary>
    public static float[] OneHot(int rows, int classes, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * classes];
        for (int row = 0; row < rows; row++) values[row * classes + random.Next(classes)] = 1f;
        return values;
    }
}
