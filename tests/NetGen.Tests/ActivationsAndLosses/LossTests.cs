using System;
using NetGen.Activations;
using NetGen.Losses;
using Xunit;

namespace NetGen.Tests;

/// <summary>The loss kernels against double-precision formulas (PyTorch's definitions).</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class LossTests
{
    [Fact]
    public void MeanSquaredErrorIsTheMeanOverOutputsWithGradient2DiffOverN()
    {
        float[] y = [0.5f, -1.5f, 2f], t = [1f, 0.5f, 2f], gradient = new float[3];
        float loss = MeanSquaredError.Compute(y, t, gradient);
        Assert.Equal((0.25 + 4 + 0) / 3, loss, 1e-6);
        Assert.Equal(2 * (0.5 - 1) / 3, gradient[0], 1e-7);
        Assert.Equal(2 * (-1.5 - 0.5) / 3, gradient[1], 1e-7);
        Assert.Equal(0, gradient[2]);
    }

    [Fact]
    public void BinaryCrossEntropyMatchesTheFormulaWithAFusedGradient()
    {
        float[] p = [0.9f, 0.2f, 0.5f, 0.01f], t = [1f, 0f, 0.3f, 0.7f], gradient = new float[4];
        float loss = BinaryCrossEntropy.ComputeFused(p, t, gradient);
        double expected = 0;
        for (int i = 0; i < 4; i++) expected -= t[i] * Math.Log(p[i]) + (1 - t[i]) * Math.Log(1 - p[i]);
        expected /= 4;
        Assert.Equal(expected, loss, 1e-6 * expected);
        // dL/dz through the sigmoid: (p − t)/n.
        for (int i = 0; i < 4; i++) Assert.Equal((p[i] - t[i]) / 4.0, gradient[i], 1e-7);
    }

    [Fact]
    public void BinaryCrossEntropyClampsTheLogAtMinus100LikePyTorch()
    {
        // F.binary_cross_entropy(tensor([0., 1.]), tensor([1., 0.])) == 100: each log is clamped at −100.
        float[] p = [0f, 1f], t = [1f, 0f], gradient = new float[2];
        Assert.Equal(100f, BinaryCrossEntropy.ComputeFused(p, t, gradient));
        // A confident right answer costs nothing, and 0·log 0 is 0, not NaN.
        Assert.Equal(0f, BinaryCrossEntropy.ComputeFused([0f, 1f], [0f, 1f], gradient));
        // Mixed: one saturated wrong (100), one right (0): the mean is 50.
        Assert.Equal(50f, BinaryCrossEntropy.ComputeFused([1e-45f, 1f], [1f, 1f], gradient));
    }

    [Fact]
    public void CrossEntropyMatchesTheFormulaForSoftTargets()
    {
        float[] z = [1.5f, -0.5f, 0.25f, 2f], t = [0.1f, 0.2f, 0.3f, 0.4f], p = new float[4], gradient = new float[4];
        Softmax.Apply(z, p);
        float loss = CrossEntropy.ComputeFused(z, p, t, gradient);
        double[] reference = DoubleReference.Softmax(Array.ConvertAll(z, v => (double)v));
        double expected = 0;
        for (int i = 0; i < 4; i++) expected -= t[i] * Math.Log(reference[i]);
        Assert.Equal(expected, loss, 1e-6 * expected);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(reference[i], p[i], 1e-6);
            Assert.Equal(reference[i] - t[i], gradient[i], 1e-6); // p − t for a distribution
        }
    }

    [Fact]
    public void CrossEntropyGradientScalesWithTheTargetMass()
    {
        // −Σ t·log softmax(z) has gradient p·Σt − t; PyTorch does not require Σt = 1.
        float[] z = [0.3f, -0.2f, 1f], t = [0f, 2f, 0f], p = new float[3], gradient = new float[3];
        Softmax.Apply(z, p);
        float loss = CrossEntropy.ComputeFused(z, p, t, gradient);
        double[] reference = DoubleReference.Softmax([0.3, -0.2, 1.0]);
        Assert.Equal(-2 * Math.Log(reference[1]), loss, 1e-5);
        for (int i = 0; i < 3; i++) Assert.Equal(2 * reference[i] - t[i], gradient[i], 1e-6);
    }

    [Fact]
    public void CrossEntropyOnLargeLogitsStaysFinite()
    {
        float[] z = [1000f, 0f, -1000f], p = new float[3], gradient = new float[3];
        Softmax.Apply(z, p);
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, p[0]);

        // The right class: loss 0. The wrong one: log-softmax gives exactly 1000 and 2000 (no log(0) = −∞).
        Assert.Equal(0f, CrossEntropy.ComputeFused(z, p, [1f, 0f, 0f], gradient));
        Assert.Equal(1000f, CrossEntropy.ComputeFused(z, p, [0f, 1f, 0f], gradient));
        Assert.Equal(2000f, CrossEntropy.ComputeFused(z, p, [0f, 0f, 1f], gradient));
        Assert.Equal([1f, 0f, -1f], gradient);

        float[] huge = [float.MaxValue / 2, 0f];
        Softmax.Apply(huge, p.AsSpan(0, 2));
        Assert.True(float.IsFinite(CrossEntropy.ComputeFused(huge, p.AsSpan(0, 2), [0f, 1f], gradient.AsSpan(0, 2))));
    }

    [Fact]
    public void SoftmaxSumsToOne()
    {
        float[] z = [3f, -2f, 0.5f, 0.5f, 10f], p = new float[5];
        Softmax.Apply(z, p);
        double sum = 0;
        foreach (float v in p) sum += v;
        Assert.Equal(1.0, sum, 1e-6);
        double[] reference = DoubleReference.Softmax(Array.ConvertAll(z, v => (double)v));
        for (int i = 0; i < 5; i++) Assert.Equal(reference[i], p[i], 1e-7);
    }
}
