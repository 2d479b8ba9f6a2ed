using System;
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
/// NG0006 (Info) on a GRU: h′ = (1 − z) ⊙ n + z ⊙ h keeps z of its state per step, which σ(UpdateBias) leads. The
/// analyzer judges the state gradient's predicted figure F over the sequence (RecurrentFlow.LogGradientOverSequence, the
/// mean field of GatedFlow, with the paths through the recurrent layers above in a stack): it fires when F &lt; e^(−2/fraction),
/// a memory τ = −2T/ln F under SequenceLength × netgen.lstm_memory_fraction, as for the LSTM's ForgetBias
/// (<see cref="ShortLstmMemoryTests"/>). The message and the fix name UpdateBias.
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
        // Bias 0: the predicted memory of this layer (Input 2, 32 units, Auto init) over 100 steps is 3.1 steps (F = 5.6e-29),
        // under 100/10 = 10; a bias of 1.8 reaches 10 steps.
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
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0", "3.1", "10", "1.8", "0.1", "GRU", "UpdateBias"));
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
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0.5", "4.1", "10", "1.8", "0.1", "GRU", "UpdateBias"));
    }

    [Fact]
    public async Task TheMessageNamesTheGruAndUpdateBiasAndTheFixPlanIsKeyedByIt()
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(RecurrentSource.Gru("SequenceGru", 100)));
        Assert.Equal("NG0006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(
            "Memory: the GRU's memory at initialisation with UpdateBias = 0 is τ = 3.1 steps, under 0.1 × SequenceLength = 10: set UpdateBias = 1.8",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("1.8", diagnostic.Properties["updateBias:Memory"]);
        Assert.False(diagnostic.Properties.ContainsKey("forgetBias:Memory"));
        Assert.True(FixProperties.TryGetMemoryBias(diagnostic.Properties, "Memory", out string property, out string bias));
        Assert.Equal(("UpdateBias", "1.8"), (property, bias));
    }

    [Fact]
    public async Task FiresFromTheFirstSequenceLengthOverTenTimesItsMemory()
    {
        // UpdateBias 0: τ ≈ 2.9 for this layer over 30 steps (F = 1.4e-09 < e^−20 = 2.1e-09; 2.6e-09 at T = 29), so T = 30
        // fires and T = 29 does not (an LSTM of that size: from 28).
        string Source(int steps) => RecurrentSource.Gru("ThresholdGru", steps);
        int first = ThresholdSequence.First(Source, "ThresholdGru", ThresholdSequence.GatedMemoryShort);
        Assert.Equal(30, first);
        Assert.Equal(28, ThresholdSequence.First(steps => RecurrentSource.Lstm("ThresholdLstm", steps), "ThresholdLstm", ThresholdSequence.GatedMemoryShort));
        var (start, end) = RecurrentSource.AttributeColumns(Source(first));
        await Verifier.VerifyAnalyzerAsync(Source(first),
            Verifier.Diagnostic("NG0006").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end)
                .WithArguments("Memory", "0", "2.9", "3", "1.0", "0.1", "GRU", "UpdateBias"));
        await Verifier.VerifyAnalyzerAsync(Source(first - 1));
    }

    [Theory]
    [InlineData(40, "1.0")]
    [InlineData(100, "1.8")]
    [InlineData(1000, "4.2")]
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
        NetworkSpec gru = NetworkModel.Estimate(RecurrentSource.Gru("LongGru", 1000), "LongGru").Spec;
        Assert.True(ThresholdSequence.LogFigure(gru, 1000) < Math.Log(Thresholds.Default.RecurrentGradient), "the GRU's own figure is past NG0004's bar");
        Assert.False(GradientFlowRules.IsRecurrentVanishing(gru.Layers[1], ThresholdSequence.LogFigure(gru, 1000), Thresholds.Default));
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("LongGru", 1000, arguments: ", UpdateBias = 5f"));
        // At the default bias only NG0006 is reported, never NG0004.
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Gru("LongGru", 1000, markup: "NG0006"));
    }

    [Fact]
    public async Task EachGatedLayerIsJudgedWithThePathsThroughTheLayersAboveItAndNamesItsOwnProperty()
    {
        // An LSTM into two GRUs over 200 steps: 20 steps of memory needed. A lower layer's figure includes the paths
        // through the recurrent layers above it, so the top layer's bias decides for all three.
        static string Source(string topBias) => $$"""
            using NetGen;

            [Network(SequenceLength = 200)]
            public partial class Stacked
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Lstm(16, ReturnSequences = true)|}] public partial LstmLayer First { get; }
                [Gru(16, ReturnSequences = true, {|#1:UpdateBias = 1f|})] public partial GruLayer Second { get; }
                [Gru(16, {|#2:UpdateBias = {{topBias}}|})] public partial GruLayer Third { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;

        // Top UpdateBias = 1: every layer's memory is short (τ 7.1, 7 and 6.6 steps). Each finding lands on its own layer's
        // attribute (or its written bias) and names that layer's kind, property and the bias that layer needs, the others
        // as they are (an LSTM's ForgetBias 1.3, a GRU's UpdateBias 2.4).
        await Verifier.VerifyAnalyzerAsync(Source("1f"),
            NG0006(0, "First", "0", "7.1", "1.3", "LSTM", "ForgetBias"),
            NG0006(1, "Second", "1", "7", "2.4", "GRU", "UpdateBias"),
            NG0006(2, "Third", "1", "6.6", "2.4", "GRU", "UpdateBias"));

        // Top UpdateBias = 3: enough for the top GRU (τ 34 steps), and its memory carries the gradient of the two layers
        // below (τ 39 and 38 steps through it), whose own weights are unchanged: nothing is reported.
        NetworkSpec carried = NetworkModel.Estimate(Source("3f"), "Stacked").Spec;
        for (int layer = 1; layer <= 3; layer++)
            Assert.InRange(RecurrentFlow.Memory(ThresholdSequence.LogFigure(carried, 200, layer), 200), 20, double.PositiveInfinity);
        await Verifier.VerifyAnalyzerAsync(Source("3f"));
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
