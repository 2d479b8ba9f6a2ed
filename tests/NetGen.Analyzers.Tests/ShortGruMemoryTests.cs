using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Model;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0006 (Info) on a GRU: h′ = (1 − z) ⊙ n + z ⊙ h keeps z of its state per step, so with z at its bias its memory at
/// initialisation is τ = −1/ln σ(UpdateBias) steps, judged against SequenceLength × netgen.lstm_memory_fraction as the
/// LSTM's ForgetBias is (<see cref="ShortLstmMemoryTests"/>). The message and the fix name UpdateBias.
/// </summary>
public sealed class ShortGruMemoryTests
{
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(Verifier.LanguageVersion), path: "Network.cs");
        CSharpCompilation compilation = CSharpCompilation.Create("Memory", [tree], OfflineReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers([new NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FiresAsInfoOnTheWholeGruAttributeWhenUpdateBiasIsNotWritten()
    {
        // σ(0) = 1/2: τ = 1/ln 2 ≈ 1.4 steps, under 100/10 = 10; σ(b) = e^(−1/10) needs b ≈ 2.25, rounded up to 2.3.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Gru(32)|}] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0", "1.4", "10", "2.3", "0.1", "GRU", "UpdateBias"));
    }

    [Fact]
    public async Task FiresOnTheUpdateBiasArgumentWhenWrittenTooSmallForTheSequence()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32, ReturnSequences = false, {|#0:UpdateBias = 0.5f|})] public partial GruLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0.5", "2.1", "10", "2.3", "0.1", "GRU", "UpdateBias"));
    }

    [Fact]
    public async Task TheMessageNamesTheGruAndUpdateBiasAndTheFixPlanIsKeyedByIt()
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(RecurrentSource.Gru("SequenceGru", 100)));
        Assert.Equal("NG0006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(
            "Memory: the GRU's memory at initialisation is τ = −1/ln σ(0) = 1.4 steps, under 0.1 × SequenceLength = 10: set UpdateBias = 2.3",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("2.3", diagnostic.Properties["updateBias:Memory"]);
        Assert.False(diagnostic.Properties.ContainsKey("forgetBias:Memory"));
        Assert.True(FixProperties.TryGetMemoryBias(diagnostic.Properties, "Memory", out string property, out string bias));
        Assert.Equal(("UpdateBias", "2.3"), (property, bias));
    }

    [Fact]
    public async Task FiresFromTheSameSequenceLengthAsAnLstmWithTheSameBias()
    {
        // UpdateBias 0: τ ≈ 1.44, so T = 15 fires and T = 14 does not, as for ForgetBias 0.
        string Source(int steps) => RecurrentSource.Gru("ThresholdGru", steps);
        int first = ThresholdSequence.First(Source, "ThresholdGru", ThresholdSequence.GatedMemoryShort);
        Assert.Equal(15, first);
        Assert.Equal(first, ThresholdSequence.First(steps => RecurrentSource.Lstm("ThresholdLstm", steps), "ThresholdLstm", ThresholdSequence.GatedMemoryShort));
        var (start, end) = RecurrentSource.AttributeColumns(Source(first));
        await Verifier.VerifyAnalyzerAsync(Source(first),
            Verifier.Diagnostic("NG0006").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end)
                .WithArguments("Memory", "0", "1.4", "1.5", "1.0", "0.1", "GRU", "UpdateBias"));
        await Verifier.VerifyAnalyzerAsync(Source(first - 1));
    }

    [Theory]
    [InlineData(20, "1.0")]
    [InlineData(100, "2.3")]
    [InlineData(1000, "4.7")]
    public async Task IsSilentWhenUpdateBiasIsLargeEnoughForTheSequence(int steps, string bias)
    {
        // The bias the diagnostic suggests, written back, is enough; so is anything larger.
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(RecurrentSource.Gru("SequenceGru", steps)));
        Assert.Equal(bias, diagnostic.Properties["updateBias:Memory"]);
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("SequenceGru", steps, arguments: ", UpdateBias = " + bias + "f"));
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("SequenceGru", steps, arguments: ", UpdateBias = 8f"));
    }

    [Fact]
    public async Task DoesNotFireWithoutASequenceLengthHoweverLargeTheFraction()
    {
        var test = new Verifier.AnalyzerTest { TestCode = RecurrentSource.Gru("NoLengthGru", steps: null) };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.lstm_memory_fraction = 1000\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task NG0004DoesNotFireOnAGruOverALongSequence()
    {
        // NG0004 is for simple recurrent layers: a [Recurrent] of the same size fires at 1000 steps, a GRU does not
        // (its state is gated; with UpdateBias = 5 its memory, 149 steps, also silences NG0006).
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Rnn("LongRnn", 1000, markup: "NG0004"));
        LayerSpec gru = NetworkModel.Estimate(RecurrentSource.Gru("LongGru", 1000), "LongGru").Spec.Layers[1];
        Assert.False(GradientFlowRules.IsRecurrentVanishing(gru, 1000, Thresholds.Default));
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("LongGru", 1000, arguments: ", UpdateBias = 5f"));
        // At the default bias only NG0006 is reported, never NG0004.
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("LongGru", 1000, markup: "NG0006"));
    }

    [Fact]
    public async Task EachGatedLayerIsJudgedOnItsOwnAndNamesItsOwnProperty()
    {
        // An LSTM into two GRUs over 200 steps: 20 steps of memory needed, bias 3.0. Each finding lands on its own
        // layer's attribute (or its written bias) and names that layer's kind and property; τ(3) = 20.6 is enough.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 200)]
            public partial class Stacked
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Lstm(16, ReturnSequences = true)|}] public partial LstmLayer First { get; }
                [Gru(16, ReturnSequences = true, {|#1:UpdateBias = 1f|})] public partial GruLayer Second { get; }
                [Gru(16, UpdateBias = 3f)] public partial GruLayer Third { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            NG0006(0, "First", "0", "1.4", "LSTM", "ForgetBias"),
            NG0006(1, "Second", "1", "3.2", "GRU", "UpdateBias"));
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NG0006(int location, string layer, string bias, string memory, string kind, string property)
        => Verifier.Diagnostic("NG0006").WithLocation(location).WithSeverity(DiagnosticSeverity.Info).WithArguments(layer, bias, memory, "20", "3.0", "0.1", kind, property);

    [Fact]
    public async Task IsNotEvaluatedForADefinitionWithErrors()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class BrokenGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(32)] public partial GruLayer First { get; }
                [{|NG1019:Gru(32)|}] public partial GruLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
