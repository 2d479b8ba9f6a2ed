using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>Fix all occurrences (NetworkFixAllProvider) over a document with two affected networks.</summary>
public sealed class FixAllTests
{
    private const string TwoDeepSigmoidNetworks = """
        using NetGen;

        [Network]
        public partial class EncoderNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
        }

        [Network]
        public partial class DecoderNet
        {
            [Input(2)] public partial InputLayer In { get; }
            [Dense(8, {|NG0001:Activation.Tanh|})] public partial DenseLayer Hidden1 { get; }
            [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
            [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
            [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16)] public partial DenseLayer Out { get; }
        }
        """;

    private const string TwoReluNetworks = """
        using NetGen;

        [Network]
        public partial class EncoderNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
        }

        [Network]
        public partial class DecoderNet
        {
            [Input(2)] public partial InputLayer In { get; }
            [Dense(8, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
            [Dense(8, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
            [Dense(8, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
            [Dense(8, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
            [Dense(8, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
            [Dense(16)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task FixesBothNetworksInOnePass()
    {
        var test = new Verifier.CodeFixTest
        {
            TestCode = TwoDeepSigmoidNetworks,
            FixedCode = TwoReluNetworks,
            BatchFixedCode = TwoReluNetworks,
            CodeActionEquivalenceKey = "NG0001.Relu",
            // One fix per network when fixing one at a time; fix-all (document, project, solution) in a single pass.
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task FixesOnlyTheChosenKindOfFixAcrossRules()
    {
        // A document with NG0001 in one network and NG0007 in another: fixing all NG0001 leaves the NG0007.
        const string source = """
            using NetGen;

            [Network]
            public partial class EncoderNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }

            [Network({|#0:Loss = Loss.MeanSquaredError|})]
            public partial class ClassifierNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network]
            public partial class EncoderNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }

            [Network({|#0:Loss = Loss.MeanSquaredError|})]
            public partial class ClassifierNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = "NG0001.Relu",
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("NG0007").WithLocation(0).WithArguments("Out", "sigmoid", "Loss.BinaryCrossEntropy"));
        test.FixedState.ExpectedDiagnostics.Add(Verifier.Diagnostic("NG0007").WithLocation(0).WithArguments("Out", "sigmoid", "Loss.BinaryCrossEntropy"));
        await test.RunAsync();
    }
}
