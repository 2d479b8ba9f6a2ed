using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0001, NG0002, NG0003 and NG0005 on convolution stacks (fan-in = input channels × kernel taps, pooling between):
/// where each fires, on the convolution's own argument (its activation is the third), and where it must not.
/// </summary>
public sealed class ConvolutionFlowTests
{
    /// <summary>Raises NG0003's bound out of the way, so that a He-initialised linear stack shows NG0002 alone.</summary>
    private const string InitGainOutOfTheWay = """
        root = true

        [*]
        netgen.init_gain_max = 1e6
        """;

    [Fact]
    public async Task NG0001FiresOnTheActivationOfTheFirstConvolutionOfASixLayerSigmoidStack()
    {
        string source = NetworkSource.ConvStack("SigmoidConvNet", depth: 6, "Sigmoid")
            .Replace("[Conv1D(16, 3, Activation.Sigmoid, Same = true)] public partial ConvLayer C1 ",
                     "[Conv1D(16, 3, {|NG0001:Activation.Sigmoid|}, Same = true)] public partial ConvLayer C1 ");
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG0001NamesEveryConvolutionOfTheStackAndNoPoolingLayer()
    {
        string source = NetworkSource.ConvStack("PooledSigmoidNet", depth: 6, "Sigmoid", poolEvery: 2);
        for (int layer = 1; layer <= 6; layer++)
            source = source.Replace($"[Conv1D(16, 3, Activation.Sigmoid, Same = true)] public partial ConvLayer C{layer} ",
                $"[Conv1D(16, 3, {{|#{layer - 1}:Activation.Sigmoid|}}, Same = true)] public partial ConvLayer C{layer} ");
        var (spec, prediction) = NetworkModel.Estimate(source, "PooledSigmoidNet");
        string ratio = Model.Figures.Format(prediction.Ratio);
        string chi = Model.Figures.Format(Model.GradientFlowEstimator.MeanBackwardGain(spec, prediction));
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0001").WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4).WithLocation(5)
                .WithArguments("C1–C6", "6", "sigmoid", ratio, chi, "Glorot"));
    }

    [Fact]
    public async Task NG0001FiresOnAConv2DStackFromTheFirstDepthBelowTheThresholdAndNotOneLayerShallower()
    {
        static string Stack(int depth) => NetworkSource.ConvStack("SigmoidConv2DNet", depth, "Sigmoid", rank: 2);
        int depth = ThresholdDepth.First(Stack, "SigmoidConv2DNet", (_, prediction) => prediction.Ratio < Thresholds.Default.VanishingRatio);
        await Verifier.VerifyAnalyzerAsync(Stack(depth), Verifier.Warning("NG0001").WithSpan(7, 20, 7, 38));
        await Verifier.VerifyAnalyzerAsync(Stack(depth - 1));
    }

    [Fact]
    public async Task NG0001DoesNotFireForASigmoidStackWithResidualConnections()
    {
        await Verifier.VerifyAnalyzerAsync(NetworkSource.ConvStack("ResidualSigmoidNet", depth: 6, "Sigmoid", residual: true));
    }

    [Fact]
    public async Task NoRuleFiresForAReluStackWithHeInitialisationAndPooling()
    {
        // The usual image classifier: ReLU (He through Init.Auto), max pooling every two layers.
        await Verifier.VerifyAnalyzerAsync(NetworkSource.ConvStack("ReluConvNet", depth: 8, "Relu", poolEvery: 2, rank: 2));
    }

    [Fact]
    public async Task NG0003FiresOnTheInitOfAReluStackWithLeCunAndNotWithHe()
    {
        // LeCun gives σ_w² = 1 per input channel and tap: ReLU halves q at every layer, ×3e-5 over sixteen.
        string source = NetworkSource.ConvStack("ReluLeCunNet", depth: 16, "Relu", ", Init = Init.LeCun")
            .Replace("[Conv1D(16, 3, Activation.Relu, Same = true, Init = Init.LeCun)] public partial ConvLayer C1 ",
                     "[Conv1D(16, 3, Activation.Relu, Same = true, {|NG0003:Init = Init.LeCun|})] public partial ConvLayer C1 ");
        await Verifier.VerifyAnalyzerAsync(source);
        await Verifier.VerifyAnalyzerAsync(NetworkSource.ConvStack("ReluHeNet", depth: 16, "Relu", ", Init = Init.He"));
    }

    [Fact]
    public async Task NG0002FiresOnTheInitOfALinearStackWhoseForwardVarianceGrowsPast1e4()
    {
        // He on linear convolutions doubles q at every layer (a little less: the edges' taps read padding).
        static string Stack(int depth) => NetworkSource.ConvStack("LinearHeConvNet", depth, "Linear", ", Init = Init.He");
        int depth = ThresholdDepth.First(Stack, "LinearHeConvNet", (_, prediction) => prediction.ForwardGrowth > Thresholds.Default.ExplodingForwardGrowth);
        string source = Stack(depth).Replace("[Conv1D(16, 3, Activation.Linear, Same = true, Init = Init.He)] public partial ConvLayer C1 ",
            "[Conv1D(16, 3, Activation.Linear, Same = true, {|NG0002:Init = Init.He|})] public partial ConvLayer C1 ");
        var test = new Verifier.AnalyzerTest { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", InitGainOutOfTheWay));
        await test.RunAsync();
        test = new Verifier.AnalyzerTest { TestCode = Stack(depth - 1) };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", InitGainOutOfTheWay));
        await test.RunAsync();
    }

    [Fact]
    public async Task NG0005FiresOnAReluResidualStackFromTheFirstDepthWhoseGrowthPassesTheLimitAndNotOneLayerShallower()
    {
        static string Stack(int depth) => NetworkSource.ConvStack("ResidualConvNet", depth, "Relu", residual: true);
        int depth = ThresholdDepth.First(Stack, "ResidualConvNet",
            (spec, prediction) => ThresholdDepth.ActivationGrowth(spec, prediction) > Thresholds.Default.ResidualGrowth);
        await Verifier.VerifyAnalyzerAsync(Stack(depth), Verifier.Warning("NG0005").WithSpan(8, 50, 8, 71));
        await Verifier.VerifyAnalyzerAsync(Stack(depth - 1));
    }
}
