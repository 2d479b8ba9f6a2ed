using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0006's fix "NG0006.MemoryBias" on a GRU: <c>UpdateBias = {b}f</c> on the [Gru] attribute, with the bias the
/// diagnostic carries (<see cref="ForgetBiasFixTests"/> for the LSTM's ForgetBias).
/// </summary>
public sealed class UpdateBiasFixTests
{
    private const string EquivalenceKey = "NG0006.MemoryBias";

    [Fact]
    public async Task AddsUpdateBias1ForASequenceThat1IsEnoughFor()
    {
        // T = 40: memory 2.9 steps under 4, and a bias of 0.6 would reach 4; the fix never writes less than 1.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Gru(32)|}] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 40)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32, UpdateBias = 1.0f)] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task IsTheOnlyCodeActionAndItsTitleNamesUpdateBias()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0006:Gru(32, ReturnSequences = true, Name = "memory")|}] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32, ReturnSequences = true, Name = "memory", UpdateBias = 1.8f)] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionIndex = 0,
            CodeActionEquivalenceKey = EquivalenceKey,
            CodeActionVerifier = (action, verifier) => verifier.Equal("Set the memory-gate bias (UpdateBias)", action.Title),
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReplacesAWrittenUpdateBiasInPlace()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 1000)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32, {|NG0006:UpdateBias = 1f|}, RecurrentInit = Init.Orthogonal)] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(SequenceLength = 1000)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32, UpdateBias = 4.2f, RecurrentInit = Init.Orthogonal)] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
    }

    [Fact]
    public async Task KeepsTheNamespaceQualifiedAttributeAndLeavesNothingToReport()
    {
        const string source = """
            [NetGen.Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [NetGen.Input(2)] public partial NetGen.InputLayer In { get; }
                [{|NG0006:NetGen.GruAttribute(32)|}] public partial NetGen.GruLayer Memory { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            [NetGen.Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [NetGen.Input(2)] public partial NetGen.InputLayer In { get; }
                [NetGen.GruAttribute(32, UpdateBias = 1.8f)] public partial NetGen.GruLayer Memory { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, EquivalenceKey);
        await Verifier.VerifyAnalyzerAsync(fixedSource);
    }

    [Fact]
    public async Task TheLstmsTitleNamesForgetBias()
    {
        var test = new Verifier.CodeFixTest
        {
            TestCode = RecurrentSource.Lstm("SequenceLstm", 40, markup: "NG0006"),
            FixedCode = RecurrentSource.Lstm("SequenceLstm", 40, arguments: ", ForgetBias = 1.0f"),
            CodeActionEquivalenceKey = EquivalenceKey,
            CodeActionVerifier = (action, verifier) => verifier.Equal("Set the memory-gate bias (ForgetBias)", action.Title),
        };
        await test.RunAsync();
    }
}
