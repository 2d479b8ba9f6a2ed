using System;
using System.Runtime.Intrinsics;
using NetGen.Activations;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>The vectorised tanh and sigmoid keep the documented bound (1e-6 relative) against double precision.</summary>
public class VectorMathTests
{
    private const double Bound = 1e-6;

    [Fact]
    public void TanhAndSigmoidStayWithinTheBoundOverTheWholeRange()
    {
        double tanh512 = 0, tanh256 = 0, sigmoid512 = 0, sigmoid256 = 0;
        for (float x = -20f; x <= 20f; x += 1e-3f)
        {
            double tanh = Math.Tanh(x), sigmoid = 1 / (1 + Math.Exp(-x));
            tanh512 = Math.Max(tanh512, Relative(VectorMath.Tanh(Vector512.Create(x)).GetElement(0), tanh));
            tanh256 = Math.Max(tanh256, Relative(VectorMath.Tanh(Vector256.Create(x)).GetElement(0), tanh));
            sigmoid512 = Math.Max(sigmoid512, Relative(VectorMath.Sigmoid(Vector512.Create(x)).GetElement(0), sigmoid));
            sigmoid256 = Math.Max(sigmoid256, Relative(VectorMath.Sigmoid(Vector256.Create(x)).GetElement(0), sigmoid));
        }
        Assert.True(tanh512 <= Bound && tanh256 <= Bound, $"tanh: {tanh512:E2} (512-bit), {tanh256:E2} (256-bit)");
        Assert.True(sigmoid512 <= Bound && sigmoid256 <= Bound, $"sigmoid: {sigmoid512:E2} (512-bit), {sigmoid256:E2} (256-bit)");
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
        Assert.Equal(MathF.Tanh(x), VectorMath.Tanh(Vector512.Create(x)).GetElement(0), 6);
        Assert.Equal(1f / (1f + MathF.Exp(-x)), VectorMath.Sigmoid(Vector512.Create(x)).GetElement(0), 6);
    }

    [Fact]
    public void TanhOfNaNIsNaN() => Assert.True(float.IsNaN(VectorMath.Tanh(Vector512.Create(float.NaN)).GetElement(0)));

    [Fact]
    public void KernelsMatchTheScalarFormsAcrossVectorBodiesAndTails()
    {
        AssertKernelsMatch<Tanh>();
        AssertKernelsMatch<Sigmoid>();
        AssertKernelsMatch<Relu>();
        AssertKernelsMatch<LeakyRelu>();
        AssertKernelsMatch<Linear>();
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
