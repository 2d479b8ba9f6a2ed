using System;

namespace NetGen.Tests;

internal static class Statistics
{
    public static double Mean(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += v;
        return sum / values.Length;
    }

    public static double Variance(ReadOnlySpan<float> values)
    {
        double mean = Mean(values), sum = 0;
        foreach (float v in values) sum += (v - mean) * (v - mean);
        return sum / values.Length;
    }

    public static double MaxAbs(ReadOnlySpan<float> values)
    {
        double max = 0;
        foreach (float v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>
    /// Relative standard error of the sample variance of n uniform values: Var(s²) ≈ (μ₄ − σ⁴)/n and a uniform
    /// distribution has μ₄ = 1.8σ⁴, so sd(s²)/σ² ≈ √(0.8/n).
    /// </summary>
    public static double UniformVarianceRelativeError(int n) => Math.Sqrt(0.8 / n);
}
