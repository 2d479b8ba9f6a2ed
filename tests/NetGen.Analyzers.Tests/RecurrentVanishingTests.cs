using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0004: a simple recurrent layer whose predicted typical gradient from the last step back to the first over
/// SequenceLength = T steps (RecurrentFlow.LogGradientOverSequence: its per-step typical gain over T − 1 steps for a lone
/// layer, with the paths through the recurrent layers above it in a stack) falls below netgen.recurrent_gradient (1e-6).
/// </summary>
public sealed class RecurrentVanishingTests
{
    [Fact]
    public async Task FiresOnTheWholeRecurrentAttributeWithThePredictedFigures()
    {
        // 32 tanh units, Glorot W_ih, orthogonal W_hh: a typical gain ≈ 0.66 per step, so over 100 steps ≈ 2.8e-18.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Recurrent(32, Activation.Tanh)|}] public partial RecurrentLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        NetworkSpec spec = NetworkModel.Estimate(source, "SequenceRnn").Spec;
        string gradient = Figures.Format(ThresholdSequence.Figure(spec, 100));
        string chi = Figures.Format(ThresholdSequence.Gain(spec));
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0004").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments("Memory", "100", gradient, chi));
    }

    [Fact]
    public async Task TheMessageReadsAsInTheDocumentation()
    {
        // docs/diagnostics/NG0004.md quotes this message; the figures are pinned here (at the time of writing).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Recurrent(32, Activation.Tanh)|}] public partial RecurrentLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0004").WithLocation(0).WithMessage(
                "Memory: a simple recurrent layer over 100 steps; predicted gradient from the last step to the first 2.8e-18 (≈ 0.66 per step): use [Lstm]"));
    }

    [Fact]
    public async Task FiresWhenTheActivationIsLeftToItsTanhDefaultAndForSigmoid()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 50)]
            public partial class DefaultRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0004:Recurrent(32)|}] public partial RecurrentLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            [Network(SequenceLength = 50)]
            public partial class SigmoidRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0004:Recurrent(32, activation: Activation.Sigmoid)|}] public partial RecurrentLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task FiresOnEachSimpleRecurrentLayerOfAStackAndNotOnAnLstm()
    {
        // The LSTM at the bottom (ForgetBias 3: its memory is long, no NG0006) and two simple layers above it, each of which
        // fires: the lower one's paths pass only through the simple layer above it, which fades as fast.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class StackedRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(16, ReturnSequences = true, ForgetBias = 3f)] public partial LstmLayer First { get; }
                [{|NG0004:Recurrent(16, ReturnSequences = true)|}] public partial RecurrentLayer Middle { get; }
                [{|NG0004:Recurrent(8, Activation.Relu)|}] public partial RecurrentLayer Last { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ASimpleLayerBelowALongMemoryLstmIsJudgedWithThePathsThroughIt()
    {
        // The same layers with the LSTM in the middle: the gradient the LSTM sends down at every step reaches the first
        // layer's early steps through the LSTM's memory, so only the simple layer on top fires. On its own path the first
        // layer fades below the threshold (its typical gain 0.58 per step over 99 steps).
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class StackedRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Recurrent(16, ReturnSequences = true)] public partial RecurrentLayer First { get; }
                [Lstm(16, ReturnSequences = true, ForgetBias = 3f)] public partial LstmLayer Middle { get; }
                [{|NG0004:Recurrent(8, Activation.Relu)|}] public partial RecurrentLayer Last { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        NetworkSpec spec = NetworkModel.Estimate(source, "StackedRnn").Spec;
        Assert.True(System.Math.Pow(ThresholdSequence.Gain(spec), 99) < Thresholds.Default.RecurrentGradient, "the first layer fades on its own");
        Assert.True(ThresholdSequence.Figure(spec, 100) >= Thresholds.Default.RecurrentGradient);
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData(32, 2, "Tanh")]
    [InlineData(4, 2, "Tanh")]
    [InlineData(16, 16, "Tanh")]
    [InlineData(32, 2, "Relu")]
    [InlineData(32, 2, "Sigmoid")]
    public async Task FiresFromTheFirstSequenceLengthWhoseGradientIsBelowTheThresholdAndNotOneStepShorter(int units, int inputs, string activation)
    {
        // At the time of writing: 32 tanh units over 2 inputs fire from T = 35 (9.4e-07; 1.4e-06 at T = 34), 4 units from 15,
        // 16 units over 16 inputs from 15, ReLU from 20, sigmoid (≈ 0.053 per step) from 6.
        string Source(int steps) => RecurrentSource.Rnn("ThresholdRnn", steps, units, inputs, activation);
        int first = ThresholdSequence.First(Source, "ThresholdRnn", ThresholdSequence.RecurrentVanishes);
        var (start, end) = RecurrentSource.AttributeColumns(Source(first));
        await Verifier.VerifyAnalyzerAsync(Source(first), Verifier.Warning("NG0004").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end));
        await Verifier.VerifyAnalyzerAsync(Source(first - 1));
    }

    [Fact]
    public async Task TheThresholdLiesWhereTheModelPutsItFor32TanhUnits()
    {
        // The typical gain is 0.665 per step (the mean-square χ_r of before, 0.671, less Jensen's gap), 0.665^34 = 9.4e-07.
        NetworkSpec spec = NetworkModel.Estimate(RecurrentSource.Rnn("ThresholdRnn", 35), "ThresholdRnn").Spec;
        Assert.InRange(ThresholdSequence.Gain(spec), 0.66, 0.67);
        Assert.True(ThresholdSequence.Figure(spec, 34) >= 1e-6);
        Assert.True(ThresholdSequence.Figure(spec, 35) < 1e-6);
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Rnn("ThresholdRnn", 35, markup: "NG0004"));
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Rnn("ThresholdRnn", 34));
    }

    [Fact]
    public async Task DoesNotFireWithoutASequenceLengthHoweverHighTheThreshold()
    {
        var test = new Verifier.AnalyzerTest { TestCode = RecurrentSource.Rnn("NoLengthRnn", steps: null, activation: "Sigmoid") };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.recurrent_gradient = 0.999\n"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task DoesNotFireForASequenceLengthOfOneOrLess(int steps)
    {
        // The figure over T = 1 is 1 (no step back); T = 0 means not set (a negative length is NG1004).
        var test = new Verifier.AnalyzerTest { TestCode = RecurrentSource.Rnn("ShortRnn", steps, activation: "Sigmoid") };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.recurrent_gradient = 0.999\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task DoesNotFireForAnLstmOfTheSameShape()
    {
        // The fixed network (NG0004's code fix): the simple layer is gone, NG0006 (Info) is what remains at T = 100.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|#0:Lstm(32)|}] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0", "2.9", "10", "1.0", "0.1", "LSTM", "ForgetBias"));
    }

    [Fact]
    public async Task DoesNotFireAfterBothFixes()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class SequenceRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(32, ForgetBias = 1.0f)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task IsNotEvaluatedForADefinitionWithErrors()
    {
        // NG1019: the second recurrent layer follows one that returns only its last step.
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class BrokenRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [Recurrent(32)] public partial RecurrentLayer First { get; }
                [{|NG1019:Recurrent(32)|}] public partial RecurrentLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
