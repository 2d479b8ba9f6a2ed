using System.Threading.Tasks;
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
        // T = 20: memory 1.4 steps under 2; the bias that reaches 2 steps is 0.43, and the fix never writes less than 1.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 20)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 20)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task IsTheOnlyCodeAction()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 20)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 20)]
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
        // T = 100: 10 steps of memory need σ(b) = e^(−1/10), b = 2.25, rounded up to 2.3.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Lstm(32, ReturnSequences = true, Name = "memory")|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ReturnSequences = true, Name = "memory", ForgetBias = 2.3f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task ReplacesAWrittenForgetBiasInPlace()
    {
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
                [Lstm(32, ForgetBias = 4.7f, RecurrentInit = Init.Orthogonal)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task ReplacesAForgetBiasWrittenAsAnIntegerOrNegative()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 20)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, {|NG0006:ForgetBias = 0|})] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 20)]
            public partial class OtherLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, {|NG0006:ForgetBias = -1.5f|})] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 20)]
            public partial class SequenceLstm
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ForgetBias = 1.0f)] public partial LstmLayer First { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 20)]
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
                [NetGen.Lstm(32, ForgetBias = 2.3f)] public partial NetGen.LstmLayer Memory { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task BothFixesInTurnTakeASimpleRecurrentNetworkToNoDiagnostic()
    {
        // NG0004 → [Lstm(32)] (NG0006 then fires, see LstmFixTests) → ForgetBias = 2.3f → nothing.
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
                [Lstm(32, ForgetBias = 2.3f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(lstm, fixedSource, EquivalenceKey);
        await Verifier.VerifyAnalyzerAsync(fixedSource);
    }
}
