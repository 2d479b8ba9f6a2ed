using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0004: a simple recurrent layer whose predicted gradient from the last step back to the first,
/// χ_r^(T−1), falls below netgen.recurrent_gradient (1e-6) over SequenceLength = T steps.
/// </summary>
public sealed class RecurrentVanishingTests
{
    [Fact]
    public async Task FiresOnTheWholeRecurrentAttributeWithThePredictedFigures()
    {
        // 32 tanh units, Glorot W_ih, orthogonal W_hh: χ_r ≈ 0.67 per step, so over 100 steps ≈ 6.7e-18.
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
                "Memory: a simple recurrent layer over 100 steps; predicted gradient from the last step to the first χ_r^(T−1) = 6.7e-18 (χ_r ≈ 0.67 per step): use [Lstm]"));
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
        const string source = """
            using NetGen;

            [Network(SequenceLength = 100)]
            public partial class StackedRnn
            {
                [Input(2)] public partial InputLayer In { get; }
                [{|NG0004:Recurrent(16, ReturnSequences = true)|}] public partial RecurrentLayer First { get; }
                [Lstm(16, ReturnSequences = true, ForgetBias = 3f)] public partial LstmLayer Middle { get; }
                [{|NG0004:Recurrent(8, Activation.Relu)|}] public partial RecurrentLayer Last { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
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
        // At the time of writing: 32 tanh units over 2 inputs fire from T = 36 (χ_r^35 ≈ 8.5e-07; 1.3e-06 at T = 35),
        // 4 units from 19, 16 units over 16 inputs from 17, ReLU from 21, sigmoid (χ_r ≈ 0.053) from 6.
        string Source(int steps) => RecurrentSource.Rnn("ThresholdRnn", steps, units, inputs, activation);
        int first = ThresholdSequence.First(Source, "ThresholdRnn", ThresholdSequence.RecurrentVanishes);
        var (start, end) = RecurrentSource.AttributeColumns(Source(first));
        await Verifier.VerifyAnalyzerAsync(Source(first), Verifier.Warning("NG0004").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end));
        await Verifier.VerifyAnalyzerAsync(Source(first - 1));
    }

    [Fact]
    public async Task TheThresholdLiesWhereTheModelPutsItFor32TanhUnits()
    {
        NetworkSpec spec = NetworkModel.Estimate(RecurrentSource.Rnn("ThresholdRnn", 36), "ThresholdRnn").Spec;
        Assert.InRange(ThresholdSequence.Gain(spec), 0.66, 0.68);
        Assert.True(ThresholdSequence.Figure(spec, 35) >= 1e-6);
        Assert.True(ThresholdSequence.Figure(spec, 36) < 1e-6);
        await Verifier.VerifyAnalyzerAsync(RecurrentSource.Rnn("ThresholdRnn", 36, markup: "NG0004"));
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
        // χ_r^(T−1) = 1 for T = 1; T = 0 means not set (a negative length is NG1004).
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
            Verifier.Diagnostic("NG0006").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Memory", "0", "1.4", "10", "2.3", "0.1", "LSTM", "ForgetBias"));
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
                [Lstm(32, ForgetBias = 2.3f)] public partial LstmLayer Memory { get; }
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
