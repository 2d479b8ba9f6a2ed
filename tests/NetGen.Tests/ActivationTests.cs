using System;
using NetGen.Activations;
using Xunit;

namespace NetGen.Tests;

/// <summary>Each activation struct: values against double formulas, derivatives against finite differences.</summary>
public sealed class ActivationTests
{
    // Away from the kinks of ReLU and leaky ReLU (at 0) and Softplus' switch to the identity (at 20).
    private static readonly float[] Points = [-6f, -3f, -1.5f, -0.7f, -0.1f, 0.05f, 0.3f, 0.9f, 2.5f, 5f];

    public static TheoryData<Activation> Elementwise() => new(ActivationLossNetworks.HiddenActivations);

    private static float Apply(Activation activation, float x) => activation switch
    {
        Activation.Linear => Linear.Apply(x),
        Activation.Sigmoid => Sigmoid.Apply(x),
        Activation.Tanh => Tanh.Apply(x),
        Activation.Relu => Relu.Apply(x),
        Activation.LeakyRelu => LeakyRelu.Apply(x),
        Activation.Elu => Elu.Apply(x),
        Activation.Gelu => Gelu.Apply(x),
        Activation.Softplus => Softplus.Apply(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static float Derivative(Activation activation, float x, float y) => activation switch
    {
        Activation.Linear => Linear.Derivative(x, y),
        Activation.Sigmoid => Sigmoid.Derivative(x, y),
        Activation.Tanh => Tanh.Derivative(x, y),
        Activation.Relu => Relu.Derivative(x, y),
        Activation.LeakyRelu => LeakyRelu.Derivative(x, y),
        Activation.Elu => Elu.Derivative(x, y),
        Activation.Gelu => Gelu.Derivative(x, y),
        Activation.Softplus => Softplus.Derivative(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void ApplyMatchesTheDoubleFormula(Activation activation)
    {
        foreach (float x in Points)
        {
            double expected = DoubleReference.Activate(activation, x);
            Assert.True(Math.Abs(Apply(activation, x) - expected) <= 3e-7 * Math.Max(1, Math.Abs(expected)),
                $"{activation}({x}) = {Apply(activation, x)}, expected {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void DerivativeMatchesFiniteDifferences(Activation activation)
    {
        // Central difference of the float function with h = 1e-3: rounding error ≈ ulp(φ)/2h ≈ 6e-5·max(1, |φ|),
        // truncation h²|φ‴|/6 < 1e-6. Tolerance 3e-4 + 1e-3·|φ′|: a factor 2 or a sign is far outside.
        const float h = 1e-3f;
        foreach (float x in Points)
        {
            float y = Apply(activation, x);
            double fd = ((double)Apply(activation, x + h) - Apply(activation, x - h)) / ((double)(x + h) - (x - h));
            float derivative = Derivative(activation, x, y);
            Assert.True(Math.Abs(derivative - fd) <= 3e-4 * Math.Max(1, Math.Abs(y)) + 1e-3 * Math.Abs(fd),
                $"{activation}′({x}) = {derivative}, finite difference {fd}");
        }
    }

    [Fact]
    public void KinksFollowPyTorch()
    {
        Assert.Equal(0f, Relu.Derivative(0f, 0f));                   // PyTorch takes ReLU′(0) = 0
        Assert.True(float.IsNaN(Relu.Apply(float.NaN)));             // torch.relu(nan) = nan, as the vector forms
        Assert.Equal(-0.01f, LeakyRelu.Apply(-1f));                  // slope 0.01
        Assert.Equal(0.01f, LeakyRelu.Derivative(-1f, -0.01f));
        Assert.Equal(1f, Elu.Derivative(1e-3f, Elu.Apply(1e-3f)));
        Assert.Equal(Math.Exp(-1), Elu.Derivative(-1f, Elu.Apply(-1f)), 1e-7); // α = 1: φ′ = e^x = φ + 1
        Assert.Equal(25f, Softplus.Apply(25f));                      // threshold 20, as torch.nn.Softplus
        Assert.Equal(1f, Softplus.Derivative(25f, 25f));
    }

    [Fact]
    public void SaturatingActivationsStayFiniteAtExtremes()
    {
        foreach (float x in new[] { -1000f, -100f, 100f, 1000f, float.MaxValue, float.MinValue })
        {
            Assert.InRange(Sigmoid.Apply(x), 0f, 1f);
            Assert.InRange(Tanh.Apply(x), -1f, 1f);
            Assert.True(float.IsFinite(Sigmoid.Derivative(x, Sigmoid.Apply(x))));
            Assert.True(float.IsFinite(Gelu.Apply(Math.Clamp(x, -1e4f, 1e4f))));
        }
        Assert.Equal(0f, Softplus.Apply(-200f));
        Assert.Equal(-1f, Elu.Apply(-200f));
    }

    [Fact]
    public void GeluMatchesKnownValues()
    {
        // torch.nn.functional.gelu(torch.tensor([1., -1.])) = [0.8413447, -0.1586553] (exact erf form).
        Assert.Equal(0.8413447f, Gelu.Apply(1f), 1e-6f);
        Assert.Equal(-0.1586553f, Gelu.Apply(-1f), 1e-6f);
        Assert.Equal(0f, Gelu.Apply(0f));
        Assert.Equal(1.9544997f, Gelu.Apply(2f), 1e-6f);      // 2·Φ(2), Φ(2) = 0.97724987
        Assert.Equal(0.5f, Gelu.Derivative(0f, 0f), 1e-6f);   // Φ(0) + 0·φ(0)
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(-1.0, -0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.5, 0.9999992569016276)]
    public void ErfIsAccurateToTheDocumentedBound(double x, double expected)
    {
        Assert.Equal(expected, Gelu.Erf(x), 1.5e-7);          // Abramowitz & Stegun 7.1.26
        Assert.Equal(expected, DoubleReference.Erf(x), 1e-14); // the tests' own reference
    }
}
