using System;
using System.Runtime.Intrinsics;
using NetGen.Activations;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>The vectorised tanh and sigmoid keep the documented bound (1e-6 relative) against double precision.</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public class VectorMathTests
{
    private const double Bound = 1e-6;

    [Fact]
    public void TanhAndSigmoidStayWithinTheBoundOverTheWholeRange()
    {
        double tanh512 = 0, tanh256 = 0, tanh128 = 0, sigmoid512 = 0, sigmoid256 = 0, sigmoid128 = 0;
        for (float x = -20f; x <= 20f; x += 1e-3f)
        {
            double tanh = Math.Tanh(x), sigmoid = 1 / (1 + Math.Exp(-x));
            tanh512 = Math.Max(tanh512, Relative(VectorMath.Tanh(Vector512.Create(x)).GetElement(0), tanh));
            tanh256 = Math.Max(tanh256, Relative(VectorMath.Tanh(Vector256.Create(x)).GetElement(0), tanh));
            tanh128 = Math.Max(tanh128, Relative(VectorMath.Tanh(Vector128.Create(x)).GetElement(0), tanh));
            sigmoid512 = Math.Max(sigmoid512, Relative(VectorMath.Sigmoid(Vector512.Create(x)).GetElement(0), sigmoid));
            sigmoid256 = Math.Max(sigmoid256, Relative(VectorMath.Sigmoid(Vector256.Create(x)).GetElement(0), sigmoid));
            sigmoid128 = Math.Max(sigmoid128, Relative(VectorMath.Sigmoid(Vector128.Create(x)).GetElement(0), sigmoid));
        }
        Assert.True(tanh512 <= Bound && tanh256 <= Bound && tanh128 <= Bound, $"tanh: {tanh512:E2} (512-bit), {tanh256:E2} (256-bit), {tanh128:E2} (128-bit)");
        Assert.True(sigmoid512 <= Bound && sigmoid256 <= Bound && sigmoid128 <= Bound, $"sigmoid: {sigmoid512:E2} (512-bit), {sigmoid256:E2} (256-bit), {sigmoid128:E2} (128-bit)");
    }

    [Fact]
    public void ExpStaysWithinTheBoundOverItsUnclampedRange()
    {
        double exp512 = 0, exp256 = 0, exp128 = 0;
        for (float x = -87.3f; x <= 88f; x += 3e-3f)
        {
            double exp = Math.Exp(x);
            exp512 = Math.Max(exp512, Relative(VectorMath.Exp(Vector512.Create(x)).GetElement(0), exp));
            exp256 = Math.Max(exp256, Relative(VectorMath.Exp(Vector256.Create(x)).GetElement(0), exp));
            exp128 = Math.Max(exp128, Relative(VectorMath.Exp(Vector128.Create(x)).GetElement(0), exp));
        }
        Assert.True(exp512 <= Bound && exp256 <= Bound && exp128 <= Bound, $"exp: {exp512:E2} (512-bit), {exp256:E2} (256-bit), {exp128:E2} (128-bit)");
    }

    [Fact]
    public void ExpM1KeepsTheRelativeBoundDownToZero()
    {
        double worst = 0;
        var points = new System.Collections.Generic.List<float>();
        for (float x = -20f; x <= 20f; x += 1e-3f) points.Add(x);
        foreach (float tiny in new[] { 1e-30f, 1e-20f, 1e-10f, 1e-7f, 3e-5f, 1e-3f, 0.3399f, 0.3401f }) { points.Add(tiny); points.Add(-tiny); }
        foreach (float x in points)
        {
            double expm1 = Math.Abs(x) < 1e-5 ? x * (1 + x / 2.0 * (1 + x / 3.0)) : Math.Exp(x) - 1;
            worst = Math.Max(worst, Relative(VectorMath.ExpM1(Vector512.Create(x)).GetElement(0), expm1));
            worst = Math.Max(worst, Relative(VectorMath.ExpM1(Vector256.Create(x)).GetElement(0), expm1));
            worst = Math.Max(worst, Relative(VectorMath.ExpM1(Vector128.Create(x)).GetElement(0), expm1));
        }
        Assert.True(worst <= Bound, $"expm1: {worst:E2}");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1e-20f)]
    [InlineData(-1e-7f)]
    [InlineData(100f)]
    [InlineData(-100f)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void TanhAndSigmoidHandleTheEdges(float x)
    {
        float tanh = MathF.Tanh(x), sigmoid = 1f / (1f + MathF.Exp(-x));
        Assert.Equal(tanh, VectorMath.Tanh(Vector512.Create(x)).GetElement(0), 6);
        Assert.Equal(tanh, VectorMath.Tanh(Vector256.Create(x)).GetElement(0), 6);
        Assert.Equal(tanh, VectorMath.Tanh(Vector128.Create(x)).GetElement(0), 6);
        Assert.Equal(sigmoid, VectorMath.Sigmoid(Vector512.Create(x)).GetElement(0), 6);
        Assert.Equal(sigmoid, VectorMath.Sigmoid(Vector256.Create(x)).GetElement(0), 6);
        Assert.Equal(sigmoid, VectorMath.Sigmoid(Vector128.Create(x)).GetElement(0), 6);
    }

    [Fact]
    public void NaNStaysNaNAtEveryWidth()
    {
        Assert.True(float.IsNaN(VectorMath.Tanh(Vector512.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Tanh(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Tanh(Vector128.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Sigmoid(Vector512.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Sigmoid(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Sigmoid(Vector128.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Exp(Vector512.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Exp(Vector256.Create(float.NaN)).GetElement(0)));
        Assert.True(float.IsNaN(VectorMath.Exp(Vector128.Create(float.NaN)).GetElement(0)));
    }

    [Fact]
    public void KernelsMatchTheScalarFormsAcrossVectorBodiesAndTails()
    {
        AssertKernelsMatch<Tanh>();
        AssertKernelsMatch<Sigmoid>();
        AssertKernelsMatch<Relu>();
        AssertKernelsMatch<LeakyRelu>();
        AssertKernelsMatch<Linear>();
        AssertKernelsMatch<Selu>();
        AssertKernelsMatch<Silu>();
    }

    // ±0, tiny (normal and subnormal), both sides of the ExpM1 switch (0.34) and of the tanh clamp (7.905), large, NaN.
    private static readonly float[] Grid =
    [
        0f, -0f, 1e-38f, -1e-38f, 1e-20f, -1e-20f, 1e-7f, -1e-7f, 3e-5f, -3e-5f, 0.3399f, -0.3399f, 0.3401f, -0.3401f, 0.5f, -0.5f,
        1f, -1f, 2.5f, -2.5f, 7.9f, -7.9f, 7.91f, -7.91f, 20f, -20f, 50f, -50f, 88f, -88f, 100f, -100f,
        1e4f, -1e4f, 1e-3f, -1e-3f, -1.278f, 0.05f, -0.05f, float.NaN, 3e-40f, -3e-40f, 1.5f, -1.5f, 4f, -4f, -30f, -87.5f,
    ];

    [Fact]
    public void EveryWidthMatchesTheScalarFormOnTheEdges()
    {
        AssertWidthsMatch<Linear>();
        AssertWidthsMatch<Sigmoid>();
        AssertWidthsMatch<Tanh>();
        AssertWidthsMatch<Relu>();
        AssertWidthsMatch<LeakyRelu>();
        AssertWidthsMatch<Selu>();
        AssertWidthsMatch<Silu>();
    }

    private static void AssertWidthsMatch<TActivation>() where TActivation : IVectorActivation
    {
        var y = new float[Grid.Length];
        for (int i = 0; i < Grid.Length; i++) y[i] = TActivation.Apply(Grid[i]);
        for (int i = 0; i < Grid.Length; i += 16)
        {
            Vector512<float> x512 = Vector512.Create<float>(Grid.AsSpan(i)), y512 = Vector512.Create<float>(y.AsSpan(i));
            Vector512<float> apply512 = TActivation.Apply(x512), derivative512 = TActivation.Derivative(x512, y512);
            for (int lane = 0; lane < 16; lane++)
            {
                int at = i + lane;
                float x = Grid[at], derivative = TActivation.Derivative(x, y[at]);
                AssertClose<TActivation>("512-bit φ", x, apply512.GetElement(lane), y[at]);
                AssertClose<TActivation>("512-bit φ′", x, derivative512.GetElement(lane), derivative);
                Vector256<float> x256 = Vector256.Create<float>(Grid.AsSpan(at & ~7)), y256 = Vector256.Create<float>(y.AsSpan(at & ~7));
                AssertClose<TActivation>("256-bit φ", x, TActivation.Apply(x256).GetElement(at & 7), y[at]);
                AssertClose<TActivation>("256-bit φ′", x, TActivation.Derivative(x256, y256).GetElement(at & 7), derivative);
                Vector128<float> x128 = Vector128.Create<float>(Grid.AsSpan(at & ~3)), y128 = Vector128.Create<float>(y.AsSpan(at & ~3));
                AssertClose<TActivation>("128-bit φ", x, TActivation.Apply(x128).GetElement(at & 3), y[at]);
                AssertClose<TActivation>("128-bit φ′", x, TActivation.Derivative(x128, y128).GetElement(at & 3), derivative);
            }
        }
    }

    private static void AssertClose<TActivation>(string form, float x, float actual, float expected)
    {
        string message = $"{typeof(TActivation).Name} {form}({x}) = {actual}, scalar {expected}";
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual), message);
        else Assert.True(Relative(actual, expected) <= Bound, message);
    }

    private static void AssertKernelsMatch<TActivation>() where TActivation : IVectorActivation
    {
        var random = new SeededRandom(11);
        foreach (int length in new[] { 1, 7, 16, 23, 64, 100 })
        {
            var x = new float[length];
            for (int i = 0; i < length; i++) x[i] = (float)(4 * random.NextNormal());
            var y = new float[length];
            ActivationKernels.Apply<TActivation>(x, y);
            var gradient = new float[length];
            for (int i = 0; i < length; i++) gradient[i] = (float)random.NextNormal();
            var expected = (float[])gradient.Clone();
            ActivationKernels.MultiplyByDerivative<TActivation>(x, y, gradient);
            for (int i = 0; i < length; i++)
            {
                Assert.True(Relative(y[i], TActivation.Apply(x[i])) <= Bound, $"{typeof(TActivation).Name}({x[i]}) = {y[i]}, scalar {TActivation.Apply(x[i])}");
                float derivative = expected[i] * TActivation.Derivative(x[i], y[i]);
                Assert.True(Math.Abs(gradient[i] - derivative) <= 1e-6 * Math.Max(1, Math.Abs(derivative)), $"{typeof(TActivation).Name}′({x[i]})");
            }
        }
    }

    private static double Relative(double actual, double expected)
        => Math.Abs(expected) <= 1e-30 ? Math.Abs(actual - expected) : Math.Abs(actual - expected) / Math.Abs(expected);
}
