using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Backward ADDS to Gradients (SPEC §2); ZeroGradients clears them.</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class GradientAccumulationTests
{
    [Theory]
    [MemberData(nameof(StructureGradientTests.Networks), MemberType = typeof(StructureGradientTests))]
    public void BackwardAccumulatesAcrossSamples(string name)
    {
        (INetwork network, Loss loss) = StructureGradientTests.Create(name);
        float[] x1 = TestData.Uniform(network.InputSize, 1), x2 = TestData.Uniform(network.InputSize, 2);
        float[] t1 = TestData.Target(loss, network.OutputSize, 3), t2 = TestData.Target(loss, network.OutputSize, 4);
        var output = new float[network.OutputSize];

        float[] g1 = SingleGradient(network, x1, t1), g2 = SingleGradient(network, x2, t2);

        network.ZeroGradients();
        network.Forward(x1, output);
        network.Backward(t1);
        network.Forward(x2, output);
        network.Backward(t2);
        for (int k = 0; k < g1.Length; k++)
            Assert.Equal(g1[k] + g2[k], network.Gradients[k], 1e-6f * (1 + Math.Abs(g1[k]) + Math.Abs(g2[k])));

        network.ZeroGradients();
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void BackwardTwiceAfterOneForwardAddsTheSameGradientTwice()
    {
        // Backward turns its workspace into deltas in place; a second call must still see the kept forward state.
        var network = new ResidualNet();
        float[] input = TestData.Uniform(4, 5), target = TestData.Uniform(4, 6);
        float[] once = SingleGradient(network, input, target);
        network.ZeroGradients();
        network.Forward(input, new float[4]);
        float loss1 = network.Backward(target), loss2 = network.Backward(target);
        Assert.Equal(loss1, loss2);
        for (int k = 0; k < once.Length; k++) Assert.Equal(2 * once[k], network.Gradients[k], 1e-6f * (1 + Math.Abs(once[k])));
    }

    [Fact]
    public void ATrainBatchOfOneIsATrainStep()
    {
        var a = new BinaryNet();
        var b = new BinaryNet();
        float[] input = TestData.Uniform(5, 7), target = TestData.Probabilities(2, 8);
        float lossA = a.TrainStep(input, target, new Adam(0.01f));
        float lossB = b.TrainBatch(input, target, 1, new Adam(0.01f));
        Assert.Equal(lossA, lossB);
        Assert.Equal(TestData.Bits(a.Parameters), TestData.Bits(b.Parameters));
    }

    private static float[] SingleGradient(INetwork network, float[] input, float[] target)
    {
        network.ZeroGradients();
        network.Forward(input, new float[network.OutputSize]);
        network.Backward(target);
        return network.Gradients.ToArray();
    }
}
