using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The init the generator actually applies, seen through the variance of the Dense weights of generated
/// networks: Init.Auto is He for the ReLU family, LeCun for SELU and Glorot otherwise, explicit Init arguments are honoured,
/// and fan-in/fan-out are passed the right way round.
/// </summary>
public sealed class GeneratedInitTests
{
    private static double He(DenseLayer layer) => 2.0 / layer.Inputs;
    private static double Glorot(DenseLayer layer) => 2.0 / (layer.Inputs + layer.Units);
    private static double LeCun(DenseLayer layer) => 1.0 / layer.Inputs;

    private static void AssertVariance(DenseLayer layer, double expected)
    {
        double tolerance = 8 * Statistics.UniformVarianceRelativeError(layer.Weights.Length); // ≈ 3 % for 256 x 256
        double ratio = Statistics.Variance(layer.Weights) / expected;
        Assert.True(Math.Abs(ratio - 1) <= tolerance, $"{layer.Info.Name}: variance {Statistics.Variance(layer.Weights):G4} is {ratio:F3} x the expected {expected:G4}");
    }

    [Fact]
    public void AutoIsHeForTheReluFamilyAndSilu()
    {
        var network = new AutoInitNet();
        AssertVariance(network.Relu, He(network.Relu));            // 64 -> 256: He 2/64 vs Glorot 2/320
        AssertVariance(network.LeakyRelu, He(network.LeakyRelu));
        AssertVariance(network.Elu, He(network.Elu));
        AssertVariance(network.Gelu, He(network.Gelu));
        AssertVariance(network.Silu, He(network.Silu));             // 64 -> 256: He 2/64 vs Glorot 2/320
    }

    [Fact]
    public void AutoIsGlorotOtherwise()
    {
        var network = new AutoInitNet();
        AssertVariance(network.Tanh, Glorot(network.Tanh));         // 256 -> 256: Glorot 2/512 vs He 2/256
        AssertVariance(network.Sigmoid, Glorot(network.Sigmoid));
        AssertVariance(network.Softplus, Glorot(network.Softplus));
        AssertVariance(network.Linear, Glorot(network.Linear));
    }

    [Fact]
    public void AutoIsLeCunForSelu()
    {
        // SELU self-normalises with LeCun's 1/fan_in (256 -> 64: 1/256, where Glorot gives 1/160 and He 1/128).
        var network = new AutoInitNet();
        AssertVariance(network.Selu, LeCun(network.Selu));
    }

    [Fact]
    public void ExplicitInitIsHonoured()
    {
        var network = new ExplicitInitNet();
        AssertVariance(network.LeCun, LeCun(network.LeCun));       // on a ReLU layer, where Auto would be He
        AssertVariance(network.He, He(network.He));                // on a tanh layer, where Auto would be Glorot
        AssertVariance(network.Glorot, Glorot(network.Glorot));    // on a ReLU layer
        WeightInitializerTests.AssertOrthonormal(network.OrthogonalRows.Weights, network.OrthogonalRows.Inputs, network.OrthogonalRows.Units);
        WeightInitializerTests.AssertOrthonormal(network.OrthogonalColumns.Weights, network.OrthogonalColumns.Inputs, network.OrthogonalColumns.Units);
        Assert.All(network.Zeros.Weights.ToArray(), w => Assert.Equal(0f, w));
    }
}
