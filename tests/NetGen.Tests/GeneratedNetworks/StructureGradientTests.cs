using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Finite-difference gradient checks (see <see cref="GradientChecker"/>) of the network shapes beyond a plain
/// stack: residual connections, and layers large enough (more than 256 weights) to be emitted as loops.
/// These networks are declared in the test source, so the real build generated them.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class StructureGradientTests
{
    private const int Samples = 3;

    public static TheoryData<string> Networks() => new(nameof(ResidualNet), nameof(WideResidualNet), nameof(WideNet), nameof(WideSoftmaxNet), nameof(WideSeluSiluNet), nameof(BinaryNet), nameof(SmallNet));

    internal static (INetwork Network, Loss Loss) Create(string name) => name switch
    {
        nameof(ResidualNet) => (new ResidualNet(), Loss.MeanSquaredError),
        nameof(WideResidualNet) => (new WideResidualNet(), Loss.CrossEntropy),
        nameof(WideNet) => (new WideNet(), Loss.MeanSquaredError),
        nameof(WideSoftmaxNet) => (new WideSoftmaxNet(), Loss.CrossEntropy),
        nameof(WideSeluSiluNet) => (new WideSeluSiluNet(), Loss.MeanSquaredError),
        nameof(BinaryNet) => (new BinaryNet(), Loss.BinaryCrossEntropy),
        nameof(SmallNet) => (new SmallNet(), Loss.CrossEntropy),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        (INetwork network, Loss loss) = Create(name);
        GradientChecker.AssertMatchesOnSamples(network, loss, name, Samples, seed: 8);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardMatchesTheDoubleReference(string name)
    {
        // The reference adds each residual after the activation, as SPEC §1 says; a generator that added it
        // before, or took the wrong layer's output, disagrees here.
        (INetwork network, _) = Create(name);
        GradientChecker.RandomizeBiases(network, seed: 9);
        float[] input = TestData.Uniform(network.InputSize, 220);
        var actual = new float[network.OutputSize];
        network.Forward(input, actual);
        double[] expected = DoubleReference.Forward(network.Layers, network.Parameters, input);
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"{name} output {i}: {actual[i]} vs reference {expected[i]}");
    }

    [Fact]
    public void TheWideNetworksReallyUseTheLoopEmittedPath()
    {
        // Guards the premise of the checks above: these layers have more than the 256 weights that are unrolled.
        Assert.Contains(new WideNet().Layers, layer => layer.InputSize * layer.OutputSize > 256);
        Assert.Contains(new WideSoftmaxNet().Layers, layer => layer.InputSize * layer.OutputSize > 256);
        Assert.All(new WideSeluSiluNet().Layers.Where(layer => layer.Activation is Activation.Selu or Activation.Silu),
            layer => Assert.True(layer.InputSize * layer.OutputSize > 256 && layer.OutputSize >= 16));
        Assert.All(new WideResidualNet().Layers.Where(layer => layer.Residual is not null), layer => Assert.True(layer.InputSize * layer.OutputSize > 256));
        Assert.All(new ResidualNet().Layers, layer => Assert.True(layer.InputSize * layer.OutputSize <= 256));
    }
}
