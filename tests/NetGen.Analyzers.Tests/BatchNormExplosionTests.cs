using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0002 on batch normalisation without skip connections (Yang et al. 2019): each Dense → BatchNorm(φ) block multiplies δ²
/// by E[φ′²]/Var[φ] ≥ 1, so deep stacks explode at initialisation; residual connections, shallow stacks, layer
/// normalisation (ReLU: a gain of 1) and dropout do not. The warning is shown on H1's attribute, the first hidden layer.
/// </summary>
public sealed class BatchNormExplosionTests
{
    private const string Marked = "{|NG0002:Dense(64)|}";

    [Theory]
    [InlineData("Relu", 32)] // R ≈ 610 predicted, 940 measured (the calibration's Norm3)
    [InlineData("Tanh", 50)] // R ≈ 110 predicted, 170 measured (Norm14)
    public async Task FiresOnADeepBatchNormStackWithoutSkipConnections(string activation, int depth)
        => await Verifier.VerifyAnalyzerAsync(NormalizationSource.Stack("DeepBatchNormNet", "BatchNorm", depth, activation, firstAttribute: Marked));

    [Theory]
    [InlineData("Relu", 32)]
    [InlineData("Tanh", 50)]
    public async Task DoesNotFireOnTheSameStackWithResidualConnections(string activation, int depth)
        => await Verifier.VerifyAnalyzerAsync(NormalizationSource.Stack("ResidualBatchNormNet", "BatchNorm", depth, activation, residual: true));

    [Theory]
    [InlineData("Relu")]
    [InlineData("Tanh")]
    public async Task DoesNotFireOnAShallowBatchNormStack(string activation)
        => await Verifier.VerifyAnalyzerAsync(NormalizationSource.Stack("ShallowBatchNormNet", "BatchNorm", 4, activation));

    [Theory]
    [InlineData("Relu", 32)] // E[φ′²]/E[φ²] = 1 per block
    [InlineData("Tanh", 16)] // ≈ 1.17 per block: R ≈ 3.5
    public async Task DoesNotFireOnALayerNormStack(string activation, int depth)
        => await Verifier.VerifyAnalyzerAsync(NormalizationSource.Stack("LayerNormNet", "LayerNorm", depth, activation));

    [Theory]
    [InlineData("Relu", "0.5")]
    [InlineData("Tanh", "0.3")]
    public async Task DoesNotFireOnADropoutMlp(string activation, string probability)
        => await Verifier.VerifyAnalyzerAsync(NormalizationSource.Dropout("DropoutNet", 8, activation, probability));

    [Fact]
    public void TheDeepestQuietReluStackIsBetweenTheShallowAndTheFiringOne()
    {
        // The bar lies between 4 and 32 blocks (about 30 at width 64): the tests above do not sit on its edge.
        static double Ratio(int depth) => NetworkModel.Estimate(NormalizationSource.Stack("Net", "BatchNorm", depth, "Relu"), "Net").Prediction.Ratio;
        Assert.InRange(Ratio(4), 0, 10);
        Assert.InRange(Ratio(32), 200, double.PositiveInfinity);
    }
}
