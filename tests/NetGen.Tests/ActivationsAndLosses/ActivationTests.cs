using System;
using NetGen.Activations;
using Xunit;

namespace NetGen.Tests;

/// <summary>Each activation struct: values against double formulas, derivatives against finite differences.</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ActivationTests
{
    // Away from the kinks of ReLU, leaky ReLU and SELU (at 0) and Softplus' switch to the identity (at 20).
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
        Activation.Selu => Selu.Apply(x),
        Activation.Silu => Silu.Apply(x),
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
        Activation.Selu => Selu.Derivative(x, y),
        Activation.Silu => Silu.Derivative(x, y),
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
        Assert.Equal(Selu.Scale * Selu.Alpha, Selu.Derivative(0f, Selu.Apply(0f)));  // PyTorch takes the negative side at 0: λα
        Assert.Equal(Selu.Scale, Selu.Derivative(1e-30f, Selu.Apply(1e-30f)));
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

    // torch.nn.SELU's constants, and the double formulas of SELU and SiLU (e^x − 1 by its series near 0): the reference's.
    private const double SeluAlpha = DoubleReference.SeluAlpha, SeluScale = DoubleReference.SeluScale;

    private static double SeluDouble(double x) => DoubleReference.Activate(Activation.Selu, x);

    private static double SiluDouble(double x) => DoubleReference.Activate(Activation.Silu, x);

    private static System.Collections.Generic.IEnumerable<float> DenseGrid()
    {
        for (float x = -30f; x <= 30f; x += 0.01f) yield return x;
        foreach (float tiny in new[] { 1e-30f, 1e-12f, 1e-7f, 1e-5f, 3e-5f, 1e-3f }) { yield return tiny; yield return -tiny; }
    }

    [Fact]
    public void SeluAndSiluMatchTheDoubleFormulas()
    {
        foreach (float x in DenseGrid())
        {
            Assert.True(Relative(Selu.Apply(x), SeluDouble(x)) <= 1e-6, $"selu({x}) = {Selu.Apply(x)}, expected {SeluDouble(x)}");
            Assert.True(Relative(Silu.Apply(x), SiluDouble(x)) <= 1e-6, $"silu({x}) = {Silu.Apply(x)}, expected {SiluDouble(x)}");
        }
    }

    [Fact]
    public void SeluAndSiluDerivativesMatchFiniteDifferencesInDouble()
    {
        // Central differences of the double formulas, h = 1e-5 (away from SELU's kink at 0): error about 1e-10.
        // The float derivatives are compared within 1e-6·max(1, |φ′|): SELU's y + λα for x ≪ 0 rounds to an ulp of λα.
        const double h = 1e-5;
        foreach (float x in DenseGrid())
        {
            if (Math.Abs(x) <= 2 * h) continue;
            double selu = (SeluDouble(x + h) - SeluDouble(x - h)) / (2 * h), silu = (SiluDouble(x + h) - SiluDouble(x - h)) / (2 * h);
            float seluDerivative = Selu.Derivative(x, Selu.Apply(x)), siluDerivative = Silu.Derivative(x, Silu.Apply(x));
            Assert.True(Math.Abs(seluDerivative - selu) <= 1e-6 * Math.Max(1, Math.Abs(selu)), $"selu′({x}) = {seluDerivative}, finite difference {selu}");
            Assert.True(Math.Abs(siluDerivative - silu) <= 1e-6 * Math.Max(1, Math.Abs(silu)), $"silu′({x}) = {siluDerivative}, finite difference {silu}");
        }
    }

    [Fact]
    public void SeluAndSiluKeepPyTorchsValues()
    {
        // torch.nn.SELU()(torch.tensor([1., -1.], dtype=torch.float64)), torch.nn.SiLU()(torch.tensor([1., -2.], dtype=torch.float64)).
        Assert.Equal(1.6732632423543772848170429916717f, Selu.Alpha);
        Assert.Equal(1.0507009873554804934193349852946f, Selu.Scale);
        Assert.True(Relative(Selu.Apply(1f), 1.0507009873554805) <= 1e-7, $"selu(1) = {Selu.Apply(1f)}");
        Assert.True(Relative(Selu.Apply(-1f), -1.1113307378125628) <= 1e-7, $"selu(-1) = {Selu.Apply(-1f)}");
        Assert.True(Relative(Silu.Apply(1f), 0.7310585786300049) <= 1e-7, $"silu(1) = {Silu.Apply(1f)}");
        Assert.True(Relative(Silu.Apply(-2f), -0.2384058440442351) <= 1e-7, $"silu(-2) = {Silu.Apply(-2f)}");
        Assert.Equal(Selu.Scale, Selu.Derivative(1e-3f, Selu.Apply(1e-3f)));                      // λ for x > 0
        Assert.Equal(SeluScale * SeluAlpha * Math.Exp(-1), Selu.Derivative(-1f, Selu.Apply(-1f)), 1e-6); // λα·e^x = y + λα
        Assert.Equal(-SeluScale * SeluAlpha, Selu.Apply(-200f), 1e-6);                              // the lower asymptote −λα
        Assert.Equal(0.5f, Silu.Derivative(0f, 0f));                                                // σ(0)·(1 + 0)
    }

    private static double Relative(double actual, double expected)
        => Math.Abs(expected) <= 1e-30 ? Math.Abs(actual - expected) : Math.Abs(actual - expected) / Math.Abs(expected);
}
