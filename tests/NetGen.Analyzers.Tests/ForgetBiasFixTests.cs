using System.Threading.Tasks;
using NetGen.Model;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0006's fix "NG0006.MemoryBias" on an LSTM: <c>ForgetBias = {b}f</c> with the bias the diagnostic carries
/// (<see cref="UpdateBiasFixTests"/> for the GRU's UpdateBias).
/// </summary>
public sealed class ForgetBiasFixTests
{
    private const string EquivalenceKey = "NG0006.MemoryBias";

    [Fact]
    public async Task AddsForgetBias1ForASequenceThat1IsEnoughFor()
    {
        // T = 40: memory 2.8 steps under 4; a bias of about 0.33 would lift the figure to the bar, and the fix never writes
        // less than 1 (an LSTM of this size fires from 28 steps; 1 is enough up to 135).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        // 1.0 is the floor here, not the model's need: a bias of 0.5 already lifts the figure over the bar.
        NetworkSpec half = NetworkModel.Estimate(fixedSource.Replace("ForgetBias = 1.0f", "ForgetBias = 0.5f"), "SequenceLstm").Spec;
        Assert.False(ThresholdSequence.GatedMemoryShort(half, 40), "ForgetBias = 0.5 still fires at T = 40: 1.0 would not be the floor");
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task IsTheOnlyCodeAction()
    {
        // T = 40, as in AddsForgetBias1ForASequenceThat1IsEnoughFor: NG0006 fires and its only action writes 1.0.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest { TestCode = source, FixedCode = fixedSource, CodeActionIndex = 0, CodeActionEquivalenceKey = EquivalenceKey };
        await test.RunAsync();
    }

    [Fact]
    public async Task WritesALargerBiasForALongSequenceAfterTheOtherArguments()
    {
        // T = 500: 50 steps of memory need a bias of 1.3 (rounded up to a tenth; pinned from the model). This LSTM's per-step
        // factor reaches 1 near b = 1.4, so longer sequences ask little more (1.4 from about 1000 steps).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 500)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32, ReturnSequences = true, Name = "memory")|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 500)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ReturnSequences = true, Name = "memory", ForgetBias = 1.3f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task ReplacesAWrittenForgetBiasInPlace()
    {
        // T = 1000: ForgetBias 1 (memory 15 steps) fires; 100 steps of memory need 1.4 (pinned from the model).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 1000)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, {|NG0006:ForgetBias = 1f|}, RecurrentInit = Init.Orthogonal)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 1000)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.4f, RecurrentInit = Init.Orthogonal)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task ReplacesAForgetBiasWrittenAsAnIntegerOrNegative()
    {
        // T = 30: these 8-unit LSTMs fire from 25 steps with bias 0 (τ = 2.3) and from 11 with −1.5 (τ = 1); 1.0 is enough for both.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 30)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, {|NG0006:ForgetBias = 0|})] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 30)]
            public partial class OtherLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, {|NG0006:ForgetBias = -1.5f|})] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 30)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ForgetBias = 1.0f)] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 30)]
            public partial class OtherLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ForgetBias = 1.0f)] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = EquivalenceKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task KeepsTheNamespaceQualifiedAttribute()
    {
        const string source = """
            [NetGen.Network(SequenceLength = 100)]
            public partial class SequenceLstm
            {
                [NetGen.Input(2)] public partial NetGen.InputLayer In { get; }
                [{|NG0006:NetGen.Lstm(32)|}] public partial NetGen.LstmLayer Memory { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            [NetGen.Network(SequenceLength = 100)]
            public partial class SequenceLstm
            {
                [NetGen.Input(2)] public partial NetGen.InputLayer In { get; }
                [NetGen.Lstm(32, ForgetBias = 1.0f)] public partial NetGen.LstmLayer Memory { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task BothFixesInTurnTakeASimpleRecurrentNetworkToNoDiagnostic()
    {
        // NG0004 → [Lstm(32)] (NG0006 then fires over 100 steps, see LstmFixTests) → ForgetBias = 1.0f → nothing.
        const string lstm = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(lstm, fixedSource, EquivalenceKey);
        await Verifier.VerifyAnalyzerAsync(fixedSource);
    }
}
