using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>Statistics of <see cref="WeightInitializer.Fill"/> on large matrices.</summary>
public sealed class WeightInitializerTests
{
    private const int FanIn = 300, FanOut = 400; // 120,000 weights: the variance is known to ±0.26 % (1 sd)

    public static TheoryData<Init, double, double> UniformSchemes() => new()
    {
        // init, expected variance (the limit a of U(−a, a) has variance a²/3), limit a
        { Init.Glorot, 2.0 / (FanIn + FanOut), Math.Sqrt(6.0 / (FanIn + FanOut)) },
        { Init.He, 2.0 / FanIn, Math.Sqrt(6.0 / FanIn) },
        { Init.LeCun, 1.0 / FanIn, Math.Sqrt(3.0 / FanIn) },
    };

    [Theory]
    [MemberData(nameof(UniformSchemes))]
    public void UniformSchemesHaveTheirVarianceAndBound(Init init, double expectedVariance, double limit)
    {
        var weights = new float[FanIn * FanOut];
        WeightInitializer.Fill(weights, init, FanIn, FanOut, new SeededRandom(17));

        // 8 standard errors: no false alarm in practice, while a swapped fan-in/fan-out (factor 1.33–1.75
        // here) or a normal-instead-of-uniform mistake in the limit is far outside.
        double tolerance = 8 * Statistics.UniformVarianceRelativeError(weights.Length);
        Assert.InRange(Statistics.Variance(weights) / expectedVariance, 1 - tolerance, 1 + tolerance);
        Assert.InRange(Statistics.Mean(weights), -0.02 * Math.Sqrt(expectedVariance), 0.02 * Math.Sqrt(expectedVariance));
        Assert.True(Statistics.MaxAbs(weights) <= limit, "a weight lies outside U(−a, a)");
        Assert.True(Statistics.MaxAbs(weights) > 0.999 * limit, "the weights do not reach the limit: the range is too narrow");
    }

    [Theory]
    [InlineData(32, 64)]   // fanOut ≤ fanIn: rows orthonormal, W·Wᵀ = I
    [InlineData(48, 48)]   // square: orthogonal
    [InlineData(64, 24)]   // fanOut > fanIn: columns orthonormal, Wᵀ·W = I
    public void OrthogonalGivesOrthonormalRowsOrColumns(int fanIn, int fanOut)
    {
        var weights = new float[fanIn * fanOut];
        WeightInitializer.Fill(weights, Init.Orthogonal, fanIn, fanOut, new SeededRandom(5));
        AssertOrthonormal(weights, fanIn, fanOut);
    }

    /// <summary>W is [fanOut, fanIn] row-major; checks W·Wᵀ ≈ I when fanOut ≤ fanIn, else Wᵀ·W ≈ I.</summary>
    internal static void AssertOrthonormal(ReadOnlySpan<float> weights, int fanIn, int fanOut)
    {
        bool rows = fanOut <= fanIn;
        int count = rows ? fanOut : fanIn, length = rows ? fanIn : fanOut;
        double worst = 0;
        for (int a = 0; a < count; a++)
            for (int b = 0; b < count; b++)
            {
                double dot = 0;
                for (int k = 0; k < length; k++)
                    dot += rows ? (double)weights[a * fanIn + k] * weights[b * fanIn + k] : (double)weights[k * fanIn + a] * weights[k * fanIn + b];
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? 1.0 : 0.0)));
            }
        // Float storage of unit vectors of length ≤ 128: each product carries ~length·6e-8 of rounding.
        Assert.True(worst < 1e-5, $"{(rows ? "W·Wᵀ" : "Wᵀ·W")} differs from I by {worst:G3}");
    }

    [Fact]
    public void ZerosIsAllZeros()
    {
        var weights = new float[FanIn * FanOut];
        weights.AsSpan().Fill(float.NaN);
        WeightInitializer.Fill(weights, Init.Zeros, FanIn, FanOut, new SeededRandom(1));
        Assert.All(weights, w => Assert.Equal(0f, w));
    }

    [Fact]
    public void FillRejectsAutoAndBadShapes()
    {
        var weights = new float[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightInitializer.Fill(weights, Init.Auto, 3, 4, new SeededRandom(1)));
        Assert.Throws<ArgumentException>(() => WeightInitializer.Fill(weights, Init.He, 4, 4, new SeededRandom(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightInitializer.Fill(weights, Init.He, 0, 4, new SeededRandom(1)));
        Assert.Throws<ArgumentNullException>(() => WeightInitializer.Fill(weights, Init.He, 3, 4, null!));
    }
}
