using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Initial weights are a pure function of the seed and the definition (SPEC §1).</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedGivesBitwiseIdenticalParameters()
    {
        Assert.Equal(TestData.Bits(new SmallNet(5).Parameters), TestData.Bits(new SmallNet(5).Parameters));
        Assert.Equal(TestData.Bits(new LargeNet(5).Parameters), TestData.Bits(new LargeNet(5).Parameters));
        Assert.Equal(TestData.Bits(new ExplicitInitNet(-3).Parameters), TestData.Bits(new ExplicitInitNet(-3).Parameters));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentWeights()
    {
        Assert.NotEqual(TestData.Bits(new SmallNet(5).Hidden.Weights), TestData.Bits(new SmallNet(6).Hidden.Weights));
        Assert.NotEqual(TestData.Bits(new SmallNet(5).Out.Weights), TestData.Bits(new SmallNet(6).Out.Weights));
        Assert.NotEqual(TestData.Bits(new LargeNet(0).Hidden.Weights), TestData.Bits(new LargeNet(1).Hidden.Weights));
    }

    [Fact]
    public void LayersOfOneNetworkDrawFromDifferentStreams()
    {
        // Two layers of the same shape must not start with the same weights (one random stream per layer).
        var network = new AutoInitNet(1);
        Assert.NotEqual(TestData.Bits(network.Relu.Weights[..256]), TestData.Bits(network.LeakyRelu.Weights[..256]));
    }

    [Fact]
    public void ParameterlessConstructorUsesTheDeclaredSeed()
    {
        Assert.Equal(TestData.Bits(new SmallNet(11).Parameters), TestData.Bits(new SmallNet().Parameters));       // [Network(Seed = 11)]
        Assert.NotEqual(TestData.Bits(new SmallNet(0).Parameters), TestData.Bits(new SmallNet().Parameters));
        Assert.Equal(TestData.Bits(new LayoutNet(1234).Parameters), TestData.Bits(new LayoutNet().Parameters));  // [Network(Seed = 1234)]
        Assert.Equal(TestData.Bits(new UnseededNet(0).Parameters), TestData.Bits(new UnseededNet().Parameters)); // default seed 0
    }

    [Fact]
    public void BiasesStartAtZero()
    {
        var network = new LayoutNet();
        Assert.All(network.Layers, layer =>
        {
            int bias = layer.ParameterOffset + layer.InputSize * layer.OutputSize;
            for (int o = 0; o < layer.ParameterCount - layer.InputSize * layer.OutputSize; o++) Assert.Equal(0f, network.Parameters[bias + o]);
        });
    }

    [Fact]
    public void GradientsStartAtZero()
    {
        Assert.All(new SmallNet().Gradients.ToArray(), g => Assert.Equal(0f, g));
    }
}
