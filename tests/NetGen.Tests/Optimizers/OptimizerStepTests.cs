using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>Optimizer steps against values computed by hand, in double, with PyTorch's formulas.</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class OptimizerStepTests
{
    private static readonly float[] Start = [0.5f, -1.25f, 2f, 0f];
    private static readonly float[] Gradient1 = [0.1f, -0.4f, 0.25f, 3f];
    private static readonly float[] Gradient2 = [-0.3f, 0.2f, 0.25f, -1f];

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void PlainSgdSubtractsTheScaledGradient()
    {
        float[] p = (float[])Start.Clone();
        var sgd = new Sgd(learningRate: 0.1f);
        sgd.Step(p, Gradient1);
        AssertClose([0.5 - 0.01, -1.25 + 0.04, 2 - 0.025, 0 - 0.3], p);
        sgd.Step(p, Gradient2);
        AssertClose([0.49 + 0.03, -1.21 - 0.02, 1.975 - 0.025, -0.3 + 0.1], p);
        Assert.Equal(2, sgd.StepCount);
    }

    [Fact]
    public void SgdWithMomentumMatchesTorch()
    {
        // torch.optim.SGD: b₁ = g₁ (the buffer starts as the first gradient), b_t = μ·b_{t−1} + g_t; p −= lr·b_t.
        const double lr = 0.1, mu = 0.9;
        float[] p = (float[])Start.Clone();
        var sgd = new Sgd((float)lr, (float)mu);
        double[] expected = Array.ConvertAll(Start, v => (double)v), buffer = new double[4];
        foreach (float[] g in new[] { Gradient1, Gradient2 })
        {
            sgd.Step(p, g);
            for (int i = 0; i < 4; i++)
            {
                buffer[i] = mu * buffer[i] + g[i];
                expected[i] -= lr * buffer[i];
            }
            AssertClose(expected, p);
        }
        // By hand for element 0: b₁ = 0.1, p = 0.49; b₂ = 0.09 − 0.3 = −0.21, p = 0.49 + 0.021 = 0.511.
        Assert.Equal(0.511f, p[0], 1e-6f);
    }

    [Fact]
    public void AdamTwoStepsMatchTorch()
    {
        // torch.optim.Adam (amsgrad = False, weight_decay = 0):
        //   m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  denom = √v/√(1−β₂ᵗ) + ε;  p −= lr·m/(1−β₁ᵗ)/denom
        const double lr = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        float[] p = (float[])Start.Clone();
        var adam = new Adam((float)lr, (float)beta1, (float)beta2, (float)epsilon);
        double[] expected = Array.ConvertAll(Start, v => (double)v), m = new double[4], v = new double[4];
        int t = 0;
        foreach (float[] g in new[] { Gradient1, Gradient2 })
        {
            adam.Step(p, g);
            t++;
            for (int i = 0; i < 4; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double denominator = Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + epsilon;
                expected[i] -= lr / (1 - Math.Pow(beta1, t)) * m[i] / denominator;
            }
            AssertClose(expected, p);
        }
        // By hand for element 0 (g = 0.1, then −0.3): m = 0.01, v = 1e-5, p = 0.5 − 0.01·0.1/√0.01 = 0.49; then
        // m = −0.021, v = 9.999e-5, m̂ = −0.021/0.19, v̂ = 9.999e-5/0.001999, p = 0.49 + 0.01·0.110526/0.223652 = 0.4949419.
        Assert.Equal(0.4949419, p[0], 1e-6);
    }

    [Fact]
    public void AdamFirstStepIsTheLearningRateTimesTheSign()
    {
        float[] p = (float[])Start.Clone();
        new Adam(0.01f).Step(p, Gradient1);
        AssertClose([0.49, -1.24, 1.99, -0.01], p);
    }

    [Fact]
    public void ClippingScalesTheGradientToTheMaximumNorm()
    {
        // torch.nn.utils.clip_grad_norm_: clip_coef = max_norm / (total_norm + 1e-6), applied only when below 1.
        // The gradient (3, 4, 0, 0) has norm 5; with max 1 SGD(lr = 1) moves by g/(5 + 1e-6).
        float[] p = [1f, 1f, 1f, 1f];
        var sgd = new Sgd(1f) { MaxGradientNorm = 1f };
        sgd.Step(p, [3f, 4f, 0f, 0f]);
        double scale = 1.0 / (5.0 + 1e-6);
        AssertClose([1 - 3 * scale, 1 - 4 * scale, 1, 1], p);
        Assert.Equal(5f, sgd.LastGradientNorm, 1e-6f); // the norm before clipping
        double clippedNorm = Math.Sqrt(Math.Pow(1 - p[0], 2) + Math.Pow(1 - p[1], 2));
        Assert.Equal(1.0, clippedNorm, 1e-6);
    }

    [Fact]
    public void ClippingLeavesSmallGradientsAlone()
    {
        float[] p = [1f, 1f];
        var sgd = new Sgd(1f) { MaxGradientNorm = 1f };
        sgd.Step(p, [0.3f, 0.4f]); // norm 0.5 < 1
        AssertClose([0.7, 0.6], p);
        Assert.Equal(0.5f, sgd.LastGradientNorm, 1e-7f);
    }

    [Fact]
    public void ClippingFeedsTheClippedGradientIntoMomentum()
    {
        // Clipping happens before the update, so the momentum buffer holds the clipped gradient.
        float[] p = [0f, 0f];
        var sgd = new Sgd(1f, momentum: 0.5f) { MaxGradientNorm = 2f };
        sgd.Step(p, [6f, 8f]);                    // norm 10 → scaled by 2/(10 + 1e-6): b = (1.2, 1.6)
        sgd.Step(p, [0f, 0f]);                    // b = 0.5·b
        double s = 2 / (10 + 1e-6);
        AssertClose([-(6 * s) * 1.5, -(8 * s) * 1.5], p);
        Assert.Equal(0f, sgd.LastGradientNorm);
    }

    [Fact]
    public void ClippingWorksWithAdam()
    {
        // Adam's step barely depends on the gradient's scale, except through ε; clipping still reports the norm.
        float[] p = [0f, 0f];
        var adam = new Adam(0.1f) { MaxGradientNorm = 1f };
        adam.Step(p, [30f, -40f]);
        Assert.Equal(50f, adam.LastGradientNorm, 1e-5f);
        AssertClose([-0.1, 0.1], p);
    }

    [Fact]
    public void LastGradientNormFollowsEveryStepAndIsNaNWhileClippingIsOff()
    {
        // Documented on Optimizer.LastGradientNorm: the pre-clip norm with MaxGradientNorm set, NaN while clipping is off.
        var adam = new Adam { MaxGradientNorm = 100f };
        adam.Step(new float[4], Gradient1);
        Assert.Equal(Math.Sqrt(0.1 * 0.1 + 0.4 * 0.4 + 0.25 * 0.25 + 9), adam.LastGradientNorm, 1e-6);
        adam.Step(new float[4], Gradient2);
        Assert.Equal(Math.Sqrt(0.09 + 0.04 + 0.0625 + 1), adam.LastGradientNorm, 1e-6);
        adam.MaxGradientNorm = null;
        adam.Step(new float[4], Gradient1);
        Assert.True(float.IsNaN(adam.LastGradientNorm));
    }
}
