using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>Fix all occurrences of NG0004 and of NG0006 over a document with two recurrent networks, and over an LSTM and a GRU in one.</summary>
public sealed class RecurrentFixAllTests
{
    private const string TwoSimpleRecurrentNetworks = """
        using NetGen;

        [Network(SequenceLength = 12)]
        public partial class EncoderRnn
        {
            [Input(8)] public partial InputLayer In { get; }
            [{|NG0004:Recurrent(16, Activation.Sigmoid, ReturnSequences = true)|}] public partial RecurrentLayer Encode { get; }
            [Dense(4, Activation.Tanh)] public partial DenseLayer Out { get; }
        }

        [Network(SequenceLength = 60, Loss = Loss.CrossEntropy)]
        public partial class ClassifierRnn
        {
            [Input(3)] public partial InputLayer In { get; }
            [{|NG0004:Recurrent(32, Activation.Tanh, Init = Init.Glorot)|}] public partial RecurrentLayer Read { get; }
            [Dense(5, Activation.Softmax)] public partial DenseLayer Out { get; }
        }
        """;

    private const string TwoLstmNetworks = """
        using NetGen;

        [Network(SequenceLength = 12)]
        public partial class EncoderRnn
        {
            [Input(8)] public partial InputLayer In { get; }
            [Lstm(16, ReturnSequences = true)] public partial LstmLayer Encode { get; }
            [Dense(4, Activation.Tanh)] public partial DenseLayer Out { get; }
        }

        [Network(SequenceLength = 60, Loss = Loss.CrossEntropy)]
        public partial class ClassifierRnn
        {
            [Input(3)] public partial InputLayer In { get; }
            [{|#0:Lstm(32, Init = Init.Glorot)|}] public partial LstmLayer Read { get; }
            [Dense(5, Activation.Softmax)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task SwitchesBothNetworksToLstmInOnePass()
    {
        // 60 steps: the second LSTM's memory at initialisation (2.8 steps) is under 6, so NG0006 (Info) follows, asking for
        // the floor, 1.0 (figures pinned from the model).
        var test = new Verifier.CodeFixTest
        {
            TestCode = TwoSimpleRecurrentNetworks,
            FixedCode = TwoLstmNetworks,
            BatchFixedCode = TwoLstmNetworks,
            CodeActionEquivalenceKey = "NG0004.Lstm",
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        test.FixedState.ExpectedDiagnostics.Add(
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Read", "0", "2.8", "6", "1.0", "0.1", "LSTM", "ForgetBias"));
        test.BatchFixedState.ExpectedDiagnostics.Add(
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Read", "0", "2.8", "6", "1.0", "0.1", "LSTM", "ForgetBias"));
        await test.RunAsync();
    }

    [Fact]
    public async Task SetsEachNetworksOwnForgetBiasInOnePass()
    {
        // Each diagnostic carries the bias for its own network and layer: 30 steps → 1.0; over 300 steps the stacked layers
        // 1.6 (First, whose figure counts the paths through Second) and 1.1 (Second, written 0.5). Biases pinned from the model.
        // Second is written 0.5f, not 1f as before the stacked model: with 1f, over 300 steps First's suggestion (1.0) leaves
        // First still under the bar, and over 500 steps the pair of suggestions leaves Second under it, since raising First's
        // bias changes Second's input and so its decay.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 30)]
            public partial class ShortLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(8)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 300)]
            public partial class LongLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(8, ReturnSequences = true)|}] public partial LstmLayer First { get; }
                [Lstm(8, {|NG0006:ForgetBias = 0.5f|})] public partial LstmLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 30)]
            public partial class ShortLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 300)]
            public partial class LongLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ReturnSequences = true, ForgetBias = 1.6f)] public partial LstmLayer First { get; }
                [Lstm(8, ForgetBias = 1.1f)] public partial LstmLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = "NG0006.MemoryBias",
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task SetsTheLstmsForgetBiasAndTheGrusUpdateBiasInOnePass()
    {
        // One network, one equivalence key: each layer gets its own kind's property, with its own bias for T = 500 (pinned from
        // the model: the LSTM 1.7, each GRU 3.4).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 500)]
            public partial class MixedRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(8, ReturnSequences = true)|}] public partial LstmLayer First { get; }
                [Gru(8, ReturnSequences = true, {|NG0006:UpdateBias = 1f|})] public partial GruLayer Second { get; }
                [{|NG0006:Gru(8)|}] public partial GruLayer Third { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 500)]
            public partial class MixedRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ReturnSequences = true, ForgetBias = 1.7f)] public partial LstmLayer First { get; }
                [Gru(8, ReturnSequences = true, UpdateBias = 3.4f)] public partial GruLayer Second { get; }
                [Gru(8, UpdateBias = 3.4f)] public partial GruLayer Third { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = "NG0006.MemoryBias",
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }
}
