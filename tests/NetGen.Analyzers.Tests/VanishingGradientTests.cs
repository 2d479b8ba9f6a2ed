using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0001: a stack of sigmoid layers without skip connections whose predicted gradient ratio R falls below 1e-2.</summary>
public sealed class VanishingGradientTests
{
    [Fact]
    public async Task FiresOnTheFirstLayersActivationForSixSigmoidLayers()
    {
        // 16 wide, Glorot (Init.Auto): R ≈ 4e-4, far below 1e-2.
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NamesEveryLayerOfTheStackAsAnAdditionalLocation()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|#0:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, {|#1:Activation.Sigmoid|})] public partial DenseLayer Hidden2 { get; }
                [Dense(16, {|#2:Activation.Sigmoid|})] public partial DenseLayer Hidden3 { get; }
                [Dense(16, {|#3:Activation.Sigmoid|})] public partial DenseLayer Hidden4 { get; }
                [Dense(16, {|#4:Activation.Sigmoid|})] public partial DenseLayer Hidden5 { get; }
                [Dense(16, {|#5:Activation.Sigmoid|})] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var (spec, prediction) = NetworkModel.Estimate(source, "DeepSigmoidNet");
        string ratio = Model.Figures.Format(prediction.Ratio);
        string chi = Model.Figures.Format(Model.GradientFlowEstimator.MeanBackwardGain(spec, prediction));
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5)
                .WithArguments("Hidden1–Hidden6", "6", "sigmoid", ratio, chi, "Glorot"));
    }

    [Fact]
    public async Task FiresOnTheActivationWrittenWithItsParameterName()
    {
        // The activation written as a named parameter is still found.
        const string source = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:activation: Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task FiresFromTheFirstDepthWhosePredictedRatioIsBelowTheThresholdAndNotOneLayerShallower()
    {
        // 16-wide sigmoid stacks: at the time of writing R ≈ 0.031 with 3 layers and ≈ 0.0074 with 4.
        static string Stack(int depth) => NetworkSource.Stack("SigmoidNet", depth, "Sigmoid");
        int depth = ThresholdDepth.First(Stack, "SigmoidNet", (_, prediction) => prediction.Ratio < Thresholds.Default.VanishingRatio);
        await Verifier.VerifyAnalyzerAsync(Stack(depth), Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
        await Verifier.VerifyAnalyzerAsync(Stack(depth - 1));
    }

    [Fact]
    public async Task DoesNotFireForTwoSigmoidLayers()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class ShallowSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireForASingleSigmoidLayerHoweverSmallItsRatio()
    {
        // The rule needs a stack (two or more saturating hidden layers); a lone layer is left alone
        // even when the threshold is raised above its ratio.
        var test = new Verifier.AnalyzerTest { TestCode = NetworkSource.Stack("OneSigmoidNet", depth: 1, "Sigmoid") };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.vanishing_ratio = 10\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task DoesNotFireAfterSwitchingToReluWithHe()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireAfterAddingResidualConnections()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden1))] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden3))] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireForADeepTanhStackWhosePredictedRatioStaysNearOne()
    {
        // Tanh with Glorot shrinks the forward signal as fast as the backward one: R ≈ 1.6 at depth 8.
        await Verifier.VerifyAnalyzerAsync(NetworkSource.Stack("DeepTanhNet", depth: 8, "Tanh"));
    }
}
