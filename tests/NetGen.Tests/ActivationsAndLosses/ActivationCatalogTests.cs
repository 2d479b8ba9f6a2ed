using System;
using NetGen.Activations;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The activation catalog (one row per activation, indexed by the enum's value): every member has its own row, and
/// the row's double-precision φ and φ′ agree with the tests' reference and its finite differences.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ActivationCatalogTests
{
    public static TheoryData<Activation> Members() => new(Enum.GetValues<Activation>());

    [Theory]
    [MemberData(nameof(Members))]
    public void EveryMemberHasItsOwnRow(Activation activation)
    {
        Assert.True(ActivationCatalog.IsDefined(activation));
        ActivationInfo info = ActivationCatalog.Of(activation);
        Assert.Equal(activation, info.Activation);
        Assert.Equal(activation.ToString().ToLowerInvariant(), info.Name);
        Assert.Equal(activation != Activation.Softmax, info.IsElementwise);
    }

    [Fact]
    public void TheCatalogHasNoRowBeyondTheEnum()
    {
        int members = Enum.GetValues<Activation>().Length;
        Assert.Equal(members - 1, (int)Enum.GetValues<Activation>()[^1]); // values 0 … n − 1, no gap
        Assert.False(ActivationCatalog.IsDefined((Activation)members));
        Assert.False(ActivationCatalog.IsDefined((Activation)(-1)));
    }

    [Theory]
    [MemberData(nameof(ActivationTests.Elementwise), MemberType = typeof(ActivationTests))]
    public void DoubleValueAndDerivativeAgreeWithTheReference(Activation activation)
    {
        // The catalog's erf (GELU) is good to about 1.2e-7, so 1e-6; its φ′ against a central difference of the
        // reference (h = 1e-5: truncation about 1e-10), away from the kinks at 0 and Softplus' switch at 20.
        ActivationInfo info = ActivationCatalog.Of(activation);
        const double h = 1e-5;
        for (double x = -8; x <= 8; x += 0.125)
        {
            if (Math.Abs(x) < 0.01) continue;
            double expected = DoubleReference.Activate(activation, x);
            Assert.True(Math.Abs(info.Value(x) - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{activation}({x}): catalog {info.Value(x)}, reference {expected}");
            double fd = (DoubleReference.Activate(activation, x + h) - DoubleReference.Activate(activation, x - h)) / (2 * h);
            Assert.True(Math.Abs(info.Derivative(x) - fd) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"{activation}′({x}): catalog {info.Derivative(x)}, finite difference {fd}");
        }
    }
}
