using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0003: an explicit init that does not suit the activation, with G or the forward ratio outside [1e-3, 1e3].</summary>
public sealed class InitMismatchTests
{
    [Fact]
    public async Task FiresOnTheInitArgumentForFourteenReluLayersWithGlorot()
    {
        // Glorot on square layers gives σ_w² = 1; ReLU halves q each layer: G ≈ 1.2e-4, forward ratio ≈ 1.1e-4.
        string source = NetworkSource.Stack("ReluGlorotNet", depth: 14, "Relu", arguments: ", Init = Init.Glorot")
            .Replace("[Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden1 ",
                     "[Dense(16, Activation.Relu, {|NG0003:Init = Init.Glorot|})] public partial DenseLayer Hidden1 ");
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NamesEveryMismatchedLayerAndTheInitToUse()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ReluGlorotNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, {|#0:Init = Init.Glorot|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, {|#1:Init = Init.Glorot|})] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, {|#2:Init = Init.LeCun|})] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, {|#3:Init = Init.Glorot|})] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, {|#4:Init = Init.Glorot|})] public partial DenseLayer Hidden6 { get; }
                [Dense(16, Activation.Relu, {|#5:Init = Init.Glorot|})] public partial DenseLayer Hidden7 { get; }
                [Dense(16, Activation.Relu, {|#6:Init = Init.Glorot|})] public partial DenseLayer Hidden8 { get; }
                [Dense(16, Activation.Relu, {|#7:Init = Init.Glorot|})] public partial DenseLayer Hidden9 { get; }
                [Dense(16, Activation.Relu, {|#8:Init = Init.Glorot|})] public partial DenseLayer Hidden10 { get; }
                [Dense(16, Activation.Relu, {|#9:Init = Init.Glorot|})] public partial DenseLayer Hidden11 { get; }
                [Dense(16, Activation.Relu, {|#10:Init = Init.Glorot|})] public partial DenseLayer Hidden12 { get; }
                [Dense(16, Activation.Relu, {|#11:Init = Init.Glorot|})] public partial DenseLayer Hidden13 { get; }
                [Dense(16, Activation.Relu, {|#12:Init = Init.Glorot|})] public partial DenseLayer Hidden14 { get; }
                [Dense(16, Activation.Relu, {|#13:Init = Init.Glorot|})] public partial DenseLayer Hidden15 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        // Hidden4 (Init.Auto, so He) is not named; the figures are those of the whole stack.
        var (_, prediction) = NetworkModel.Estimate(source, "ReluGlorotNet");
        var expected = Verifier.Diagnostic("NG0003");
        for (int location = 0; location <= 13; location++) expected = expected.WithLocation(location);
        await Verifier.VerifyAnalyzerAsync(source, expected.WithArguments(
            "Hidden1–Hidden15", "Glorot", "relu", Model.Figures.Format(prediction.DeltaGain), Model.Figures.Format(prediction.ForwardGrowth), "Init.He"));
    }

    [Fact]
    public async Task FiresFromTheFirstDepthWhoseGainLeavesTheRangeAndNotOneLayerShallower()
    {
        // At the time of writing: G ≈ 2.0e-3 with 10 layers (inside [1e-3, 1e3]), ≈ 9.8e-4 with 11.
        static string Stack(int depth) => NetworkSource.Stack("ReluGlorotNet", depth, "Relu", arguments: ", Init = Init.Glorot");
        static bool Outside(double value) => !(value >= Thresholds.Default.InitGainMin && value <= Thresholds.Default.InitGainMax);
        int depth = ThresholdDepth.First(Stack, "ReluGlorotNet", (_, prediction) => Outside(prediction.DeltaGain) || Outside(prediction.ForwardGrowth));
        await Verifier.VerifyAnalyzerAsync(Stack(depth), Verifier.Warning("NG0003").WithSpan(7, 33, 7, 51));
        await Verifier.VerifyAnalyzerAsync(Stack(depth - 1));
    }

    [Fact]
    public async Task DoesNotFireAfterSwitchingToHe()
    {
        await Verifier.VerifyAnalyzerAsync(NetworkSource.Stack("ReluHeNet", depth: 14, "Relu", arguments: ", Init = Init.He"));
    }

    [Fact]
    public async Task DoesNotFireForInitAuto()
    {
        await Verifier.VerifyAnalyzerAsync(NetworkSource.Stack("ReluAutoNet", depth: 14, "Relu"));
    }
}
