using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Layers, LayerInfo and the DenseLayer views over Parameters match the documented layout.</summary>
public sealed class LayerViewTests
{
    [Fact]
    public void LayerInfosDescribeTheLayout()
    {
        var network = new LayoutNet();
        LayerInfo input = network.Layers[0];
        Assert.Equal(("Features", LayerKind.Input, 7, 0, 0, (string?)null), (input.Name, input.Kind, input.OutputSize, input.ParameterOffset, input.ParameterCount, input.Residual));
        Assert.Equal(
            [
                new LayerInfo("Encoder", LayerKind.Dense, Activation.Relu, 7, 5, 0, 40),
                new LayerInfo("middle", LayerKind.Dense, Activation.Tanh, 5, 6, 40, 36), // Name = "middle"
                new LayerInfo("Head", LayerKind.Dense, Activation.Linear, 6, 3, 76, 21),
            ],
            network.Layers.Skip(1));
        Assert.Equal(97, LayoutNet.ParameterCount);
        Assert.Equal(7, LayoutNet.InputSize);
        Assert.Equal(3, LayoutNet.OutputSize);
        Assert.Equal(97, network.Parameters.Length);
        Assert.Equal(97, network.Gradients.Length);
    }

    [Theory]
    [MemberData(nameof(StructureGradientTests.Networks), MemberType = typeof(StructureGradientTests))]
    public void LayersTileTheParameterBlock(string name)
    {
        (INetwork network, _) = StructureGradientTests.Create(name);
        Assert.Equal(LayerKind.Input, network.Layers[0].Kind);
        Assert.Equal(network.InputSize, network.Layers[0].OutputSize);
        Assert.Equal(network.OutputSize, network.Layers[^1].OutputSize);
        int offset = 0;
        for (int i = 1; i < network.Layers.Count; i++)
        {
            LayerInfo layer = network.Layers[i];
            Assert.Equal(offset, layer.ParameterOffset);
            Assert.Equal(layer.OutputSize * (layer.InputSize + 1), layer.ParameterCount);
            Assert.Equal(network.Layers[i - 1].OutputSize, layer.InputSize);
            offset += layer.ParameterCount;
        }
        Assert.Equal(network.ParameterCount, offset);
        Assert.Equal(offset, network.Parameters.Length);
    }

    [Fact]
    public void ResidualsAreRecordedInLayerInfo()
    {
        var network = new ResidualNet();
        Assert.Equal([null, "In", null, "A", "A", "D"], network.Layers.Select(layer => layer.Residual));
    }

    [Fact]
    public void ResidualNamesALayerInLayersEvenWhenThatLayerIsRenamed()
    {
        // LayerInfo.Residual is documented as the "name of the layer whose output is added". A generic tool that
        // rebuilds the graph from INetwork.Layers (the double reference in these tests does) must be able to find
        // that layer, also when the layer has a Name argument.
        INetwork network = new RenamedResidualNet();
        string? residual = network.Layers.Single(layer => layer.Residual is not null).Residual;
        Assert.Contains(network.Layers, layer => layer.Name == residual);
    }

    [Fact]
    public void DenseViewsAreSlicesOfParameters()
    {
        var network = new LayoutNet();
        DenseLayer[] dense = [network.Encoder, network.Middle, network.Head];
        foreach (DenseLayer layer in dense)
        {
            Assert.Equal(layer.Info.OutputSize, layer.Units);
            Assert.Equal(layer.Info.InputSize, layer.Inputs);
            Assert.Equal(layer.Units * layer.Inputs, layer.Weights.Length);
            Assert.Equal(layer.Units, layer.Bias.Length);
            Assert.True(Unsafe(layer.Weights, network.Parameters) == layer.Info.ParameterOffset);
            Assert.True(Unsafe(layer.Bias, network.Parameters) == layer.Info.ParameterOffset + layer.Units * layer.Inputs);
        }
        Assert.Equal(7, network.Features.Size);
        Assert.Same(network.Layers[0], network.Features.Info);
        Assert.Same(network.Layers[2], network.Middle.Info);
    }

    /// <summary>The element offset of <paramref name="view"/> inside <paramref name="block"/>, or −1.</summary>
    private static long Unsafe(Span<float> view, Span<float> block)
        => block.Overlaps(view, out int offset) ? offset : -1;

    [Fact]
    public void WritesThroughTheViewsReachParametersAndTheComputation()
    {
        var network = new LayoutNet();
        // W[o, i] of Middle is Parameters[40 + o·5 + i]; its bias b[o] is Parameters[40 + 30 + o].
        network.Middle.Weights[2 * 5 + 3] = 1.5f;
        network.Middle.Bias[4] = -2.25f;
        Assert.Equal(1.5f, network.Parameters[40 + 13]);
        Assert.Equal(-2.25f, network.Parameters[70 + 4]);
        network.Parameters[76] = 0.75f;
        Assert.Equal(0.75f, network.Head.Weights[0]);

        // A forward pass sees the change: zero the head and set one bias, and the output is that bias.
        network.Head.Weights.Clear();
        network.Head.Bias.Clear();
        network.Head.Bias[1] = 3f;
        var output = new float[3];
        network.Forward(TestData.Uniform(7, 1), output);
        Assert.Equal([0f, 3f, 0f], output);
    }

    [Fact]
    public void GradientsShareTheParameterLayout()
    {
        // Only Head's bias b[1] influences output 1 through a linear head with zero weights: its gradient is 2(y − t)/n.
        var network = new LayoutNet();
        network.Head.Weights.Clear();
        network.Head.Bias.Clear();
        network.Forward(TestData.Uniform(7, 1), new float[3]);
        network.ZeroGradients();
        network.Backward([0f, 1.5f, 0f]);
        Assert.Equal(2 * (0 - 1.5f) / 3, network.Gradients[76 + 18 + 1], 1e-7f);
        Assert.Equal(0f, network.Gradients[76 + 18]);
        Assert.All(network.Gradients[..76].ToArray(), g => Assert.Equal(0f, g)); // nothing flows through zero weights
    }

    [Theory]
    [MemberData(nameof(StructureGradientTests.Networks), MemberType = typeof(StructureGradientTests))]
    public void LayerOutputAndPreActivationShowWhatForwardComputed(string name)
    {
        (INetwork network, _) = StructureGradientTests.Create(name);
        GradientChecker.RandomizeBiases(network, seed: 4);
        float[] input = TestData.Uniform(network.InputSize, 9);
        network.Forward(input, new float[network.OutputSize]);
        var preActivations = new System.Collections.Generic.List<DoubleReference.PreActivation>();
        DoubleReference.Forward(network.Layers, network.Parameters, input, preActivations);

        Assert.Equal(TestData.Bits(input), TestData.Bits(network.LayerOutput(0)));
        Assert.True(network.LayerPreActivation(0).IsEmpty);
        for (int l = 1; l < network.Layers.Count; l++)
        {
            ReadOnlySpan<float> z = network.LayerPreActivation(l);
            Assert.Equal(network.Layers[l].OutputSize, z.Length);
            Assert.Equal(network.Layers[l].OutputSize, network.LayerOutput(l).Length);
            for (int o = 0; o < z.Length; o++)
                Assert.True(Math.Abs(z[o] - preActivations[l - 1].Z[o]) <= 1e-5 * (1 + Math.Abs(preActivations[l - 1].Z[o])), $"{name} layer {l} z[{o}]");
        }
        Assert.ThrowsAny<ArgumentException>(() => network.LayerOutput(network.Layers.Count));
        Assert.ThrowsAny<ArgumentException>(() => network.LayerPreActivation(-1));
    }

    [Fact]
    public void ReadingAViewAllocatesNothing()
    {
        // The views find their tensor in a table laid out when the layer was made, not by asking the descriptor again.
        var network = new LayoutNet();
        float sum = 0f;
        AllocationTests.AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < 100; i++) sum += network.Encoder.Weights[0] + network.Middle.Bias[0];
        }, "DenseLayer.Weights and .Bias");
        Assert.Equal(network.Parameters[0] + network.Parameters[40 + 30], network.Encoder.Weights[0] + network.Middle.Bias[0]);
    }
}
