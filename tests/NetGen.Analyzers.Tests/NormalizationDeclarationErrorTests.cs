using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Definition errors of the normalisation and dropout layers: a dropout probability outside [0, 1) (NG1025, on the
/// argument), batch normalisation, layer normalisation or dropout in a network with recurrent layers (NG1022); and the
/// placements that must compile cleanly, after a convolution and after a dense layer.
/// </summary>
public sealed class NormalizationDeclarationErrorTests
{
    private static string DropoutNetwork(string probability) => $$"""
        using NetGen;

        [Network]
        public partial class Regularised
        {
            [Input(8)] public partial InputLayer In { get; }
            [Dense(16, Activation.Relu)] public partial DenseLayer Hidden { get; }
            [Dropout({|#0:{{probability}}|})] public partial DropoutLayer Drop { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
        }
        """;

    [Theory]
    [InlineData("1", "1")]
    [InlineData("-0.1", "-0.1")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.0", "1")]
    public async Task NG1025OnADropoutProbabilityOutsideZeroToOne(string written, string shown)
        => await Verifier.VerifyAnalyzerAsync(DropoutNetwork(written),
            Verifier.Diagnostic("NG1025").WithLocation(0).WithArguments("Drop", shown));

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("0.999")]
    public async Task NoDiagnosticForADropoutProbabilityInZeroToOne(string written)
        => await Verifier.VerifyAnalyzerAsync(DropoutNetwork(written).Replace("{|#0:", "").Replace("|}", ""));

    [Theory]
    [InlineData("BatchNorm", "BatchNormLayer")]
    [InlineData("LayerNorm", "LayerNormLayer")]
    [InlineData("Dropout", "DropoutLayer")]
    public async Task NG1022OnANormalisationOrDropoutInARecurrentNetwork(string attribute, string view)
    {
        string source = string.Create(CultureInfo.InvariantCulture, $$"""
            using NetGen;

            [Network]
            public partial class Tagger
            {
                [Input(4)] public partial InputLayer In { get; }
                [Lstm(8, ReturnSequences = true)] public partial LstmLayer Memory { get; }
                [{|#0:{{attribute}}|}] public partial {{view}} Regulariser { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }
            """);
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1022").WithLocation(0).WithArguments("Regulariser", attribute,
                "one input for each sample, not a sequence of time steps (normalisation and dropout cannot be in a network with recurrent layers)", "(None, 8)"));
    }

    [Fact]
    public async Task NormalisationAndDropoutAfterAConvolutionAndADenseLayerCompileCleanly()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            public partial class Classifier
            {
                [Input(1, 12, 12)] public partial InputLayer Image { get; }
                [Conv2D(4, 3)] public partial ConvLayer Conv { get; }
                [BatchNorm(Activation.Relu)] public partial BatchNormLayer ConvNorm { get; }
                [Dropout(0.1)] public partial DropoutLayer ConvDrop { get; }
                [LayerNorm] public partial LayerNormLayer ConvLayerNorm { get; }
                [MaxPool2D(2)] public partial PoolingLayer Pool { get; }
                [Dense(16)] public partial DenseLayer Hidden { get; }
                [BatchNorm(Activation.Relu)] public partial BatchNormLayer HiddenNorm { get; }
                [LayerNorm(Activation.Tanh)] public partial LayerNormLayer HiddenLayerNorm { get; }
                [Dropout] public partial DropoutLayer HiddenDrop { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
