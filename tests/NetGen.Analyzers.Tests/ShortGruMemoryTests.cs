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
/// initialisation is τ = −2/ln λ steps (λ the mean-field gain of GatedFlow, which σ(UpdateBias) leads), judged against SequenceLength × netgen.lstm_memory_fraction as the
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
        // Bias 0: the mean-field memory of this layer (Input 2, 32 units, Auto init) is 3.2 steps, under 100/10 = 10; a bias
        // of 1.6 reaches 10 steps.
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
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0", "3.2", "10", "1.6", "0.1", "GRU", "UpdateBias"));
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
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0.5", "4.3", "10", "1.6", "0.1", "GRU", "UpdateBias"));
    }

    [Fact]
    public async Task TheMessageNamesTheGruAndUpdateBiasAndTheFixPlanIsKeyedByIt()
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(RecurrentSource.Gru("SequenceGru", 100)));
        Assert.Equal("NG0006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(
            "Memory: the GRU's memory at initialisation with UpdateBias = 0 is τ = 3.2 steps, under 0.1 × SequenceLength = 10: set UpdateBias = 1.6",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("1.6", diagnostic.Properties["updateBias:Memory"]);
        Assert.False(diagnostic.Properties.ContainsKey("forgetBias:Memory"));
        Assert.True(FixProperties.TryGetMemoryBias(diagnostic.Properties, "Memory", out string property, out string bias));
        Assert.Equal(("UpdateBias", "1.6"), (property, bias));
    }

    [Fact]
    public async Task FiresFromTheFirstSequenceLengthOverTenTimesItsMemory()
    {
        // UpdateBias 0: τ ≈ 3.2 for this layer, so T = 32 fires and T = 31 does not (an LSTM of that size: from 31).
        string Source(int steps) => RecurrentSource.Gru("ThresholdGru", steps);
        int first = ThresholdSequence.First(Source, "ThresholdGru", ThresholdSequence.GatedMemoryShort);
        Assert.Equal(32, first);
        Assert.Equal(31, ThresholdSequence.First(steps => RecurrentSource.Lstm("ThresholdLstm", steps), "ThresholdLstm", ThresholdSequence.GatedMemoryShort));
        var (start, end) = RecurrentSource.AttributeColumns(Source(first));
        await Verifier.VerifyAnalyzerAsync(Source(first),
            Verifier.Diagnostic("NG0006").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end)
                .WithArguments("Memory", "0", "3.2", "3.2", "1.0", "0.1", "GRU", "UpdateBias"));
        await Verifier.VerifyAnalyzerAsync(Source(first - 1));
    }

    [Theory]
    [InlineData(40, "1.0")]
    [InlineData(100, "1.6")]
    [InlineData(1000, "4.1")]
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
        // (its state is gated; with UpdateBias = 5 its memory also silences NG0006).
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
        // An LSTM into two GRUs over 200 steps: 20 steps of memory needed. Each finding lands on its own layer's attribute
        // (or its written bias) and names that layer's kind, property and the bias its own weights need; UpdateBias = 3 is enough.
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
            NG0006(0, "First", "0", "2.8", "1.3", "LSTM", "ForgetBias"),
            NG0006(1, "Second", "1", "4.4", "3.0", "GRU", "UpdateBias"));
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NG0006(int location, string layer, string bias, string memory, string suggested, string kind, string property)
        => Verifier.Diagnostic("NG0006").WithLocation(location).WithSeverity(DiagnosticSeverity.Info).WithArguments(layer, bias, memory, "20", suggested, "0.1", kind, property);

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
