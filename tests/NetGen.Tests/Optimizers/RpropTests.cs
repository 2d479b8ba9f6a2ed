using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>The iRprop− update rule against steps computed by hand.</summary>
public sealed class RpropTests
{
    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void StepsGrowWhileTheSignHoldsAndAFlipShrinksTheStepAndForgetsTheGradient()
    {
        // Defaults: η+ = 1.2, η− = 0.5, Δ₀ = 0.1. Parameter 2 starts with a zero gradient, 3 flips sign at step 2.
        float[] p = new float[5];
        var rprop = new Rprop();
        rprop.Step(p, [1f, -2f, 0f, 3f, 1f]);
        // First step: no previous sign, every nonzero gradient moves its parameter by Δ₀ against its sign.
        AssertClose([-0.1, 0.1, 0, -0.1, -0.1], p);
        AssertClose([0.1, 0.1, 0.1, 0.1, 0.1], rprop.StepSizes);

        rprop.Step(p, [0.5f, -1f, 1f, -3f, 1f]);
        // 0, 1, 4 keep their sign: Δ = 0.12. 2 had no sign: moves by 0.1. 3 flipped: Δ = 0.05 and no move.
        AssertClose([-0.22, 0.22, -0.1, -0.1, -0.22], p);
        AssertClose([0.12, 0.12, 0.1, 0.05, 0.12], rprop.StepSizes);

        rprop.Step(p, [1f, 1f, 1f, -3f, 1f]);
        // 1 flips now: Δ = 0.06, no move. 2 keeps its sign: Δ = 0.12. 3's gradient was forgotten, so its new
        // gradient (the same sign as before the flip) is not a "same sign" case: it moves by 0.05, unchanged.
        AssertClose([-0.364, 0.22, -0.22, -0.05, -0.364], p);
        AssertClose([0.144, 0.06, 0.12, 0.05, 0.144], rprop.StepSizes);
        Assert.Equal(3, rprop.StepCount);
    }

    [Fact]
    public void StepsStayWithinTheirBounds()
    {
        var rprop = new Rprop(etaPlus: 2f, etaMinus: 0.5f, initialStep: 0.1f, minStep: 0.04f, maxStep: 0.15f);
        float[] p = new float[2];
        rprop.Step(p, [1f, 1f]);   // both move by 0.1
        rprop.Step(p, [1f, -1f]);  // 0: 0.2 capped at 0.15; 1: flips, 0.05, no move
        rprop.Step(p, [1f, -1f]);  // 0: 0.15; 1: no previous sign, moves +0.05
        rprop.Step(p, [1f, 1f]);   // 0: 0.15; 1: flips, 0.025 raised to 0.04, no move
        AssertClose([-0.1 - 3 * 0.15, -0.1 + 0.05], p);
        AssertClose([0.15, 0.04], rprop.StepSizes);
    }

    [Fact]
    public void ClippingReportsTheNormButCannotChangeASign()
    {
        float[] clipped = new float[3], plain = new float[3];
        var withClipping = new Rprop { MaxGradientNorm = 1e-3f };
        var without = new Rprop();
        foreach (float[] g in new[] { new[] { 30f, -40f, 0f }, new[] { 3f, 4f, -1f } })
        {
            withClipping.Step(clipped, g);
            without.Step(plain, g);
        }
        Assert.Equal(plain, clipped);
        Assert.Equal(MathF.Sqrt(26f), withClipping.LastGradientNorm, 1e-5f);
    }

    [Theory]
    [InlineData(1f, 0.5f, 0.1f, 1e-6f, 50f)]       // η+ must exceed 1
    [InlineData(1.2f, 1f, 0.1f, 1e-6f, 50f)]       // η− must be below 1
    [InlineData(1.2f, 0f, 0.1f, 1e-6f, 50f)]       // and above 0
    [InlineData(1.2f, 0.5f, 0.1f, 0f, 50f)]        // the smallest step must be positive
    [InlineData(1.2f, 0.5f, 0.1f, 0.2f, 0.15f)]    // the largest step must be at least the smallest
    [InlineData(1.2f, 0.5f, 60f, 1e-6f, 50f)]      // the first step must be within the bounds
    [InlineData(float.NaN, 0.5f, 0.1f, 1e-6f, 50f)]
    [InlineData(1.2f, 0.5f, 0.1f, 1e-6f, float.PositiveInfinity)]
    public void BadHyperparametersAreRejected(float etaPlus, float etaMinus, float initialStep, float minStep, float maxStep)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new Rprop(etaPlus, etaMinus, initialStep, minStep, maxStep));

    [Fact]
    public void DefaultsAreThePapers()
    {
        var rprop = new Rprop();
        Assert.Equal((1.2f, 0.5f, 0.1f, 1e-6f, 50f), (rprop.EtaPlus, rprop.EtaMinus, rprop.InitialStep, rprop.MinStep, rprop.MaxStep));
        Assert.True(rprop.StepSizes.IsEmpty);
    }
}
