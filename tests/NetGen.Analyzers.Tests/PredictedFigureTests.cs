using System;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Where each threshold lies for the network families the rule tests use, from the analyzer's own estimate.
/// The rule tests find these depths themselves (<see cref="ThresholdDepth"/>); here they are printed, and held
/// to loose bounds, so that a recalibration that moves them far shows up by name.
/// </summary>
public sealed class PredictedFigureTests(ITestOutputHelper output)
{
    private static readonly Thresholds Default = Thresholds.Default;

    private int Report(string family, Func<int, string> source, Func<Model.NetworkSpec, Model.GradientFlowPrediction, bool> crosses)
    {
        int depth = ThresholdDepth.First(source, "N", crosses);
        output.WriteLine($"{family}: fires from {depth} hidden layers, not at {depth - 1}");
        return depth;
    }

    [Fact]
    public void SigmoidStacks16WideLoseTheGradientWithinAFewLayers()
    {
        // At the time of writing: R ≈ 0.031 with 3 layers, 0.0074 with 4.
        int depth = Report("sigmoid, 16 wide, Glorot: R < 1e-2", d => NetworkSource.Stack("N", d, "Sigmoid"),
            (_, prediction) => prediction.Ratio < Default.VanishingRatio);
        Assert.InRange(depth, 3, 8);
    }

    [Fact]
    public void TanhStacksKeepARatioNearOne()
    {
        double ratio = NetworkModel.Estimate(NetworkSource.Stack("N", 8, "Tanh"), "N").Prediction.Ratio;
        Assert.InRange(ratio, 0.1, 10);   // ≈ 1.6: the forward signal shrinks as fast as the backward one
    }

    [Fact]
    public void ReluStacksWithGlorotLeaveTheInitGainRangeAfterAboutTenLayers()
    {
        // Each layer halves q and δ²: G ≈ 2^−(L−1); at the time of writing 2.0e-3 with 10 layers, 9.8e-4 with 11.
        static bool Outside(double value) => !(value >= Default.InitGainMin && value <= Default.InitGainMax);
        int depth = Report("ReLU, 16 wide, Glorot: G or forward ratio outside [1e-3, 1e3]",
            d => NetworkSource.Stack("N", d, "Relu", arguments: ", Init = Init.Glorot"),
            (_, prediction) => Outside(prediction.DeltaGain) || Outside(prediction.ForwardGrowth));
        Assert.InRange(depth, 8, 14);
    }

    [Fact]
    public void LinearStacksWithHePassTheForwardGrowthLimitAfterAboutFourteenLayers()
    {
        // q doubles per layer (exact for linear layers): ×7.7e3 with 13 layers, ×1.5e4 with 14.
        int depth = Report("linear, 16 wide, He: forward growth > 1e4",
            d => NetworkSource.Stack("N", d, "Linear", arguments: ", Init = Init.He"),
            (_, prediction) => prediction.ForwardGrowth > Default.ExplodingForwardGrowth);
        Assert.Equal(14, depth);
    }

    [Fact]
    public void ResidualReluChainsPassTheGrowthLimitWithinADozenBlocks()
    {
        // At the time of writing (the mean of ReLU outputs accumulating along the identity path) 7 layers stay
        // below 1e3 and 8 pass it; with E[a²] merely doubling per block it would be 11.
        int depth = Report("ReLU residual chain, 16 wide: E[a²] growth > 1e3", d =>
            {
                var text = new System.Text.StringBuilder("using NetGen;\n[Network]\npublic partial class N\n{\n    [Input(16)] public partial InputLayer In { get; }\n");
                text.Append("    [Dense(16, Activation.Relu)] public partial DenseLayer Hidden1 { get; }\n");
                for (int k = 2; k <= d; k++) text.Append($"    [Dense(16, Activation.Relu, Residual = nameof(Hidden{k - 1}))] public partial DenseLayer Hidden{k} {{ get; }}\n");
                return text.Append("    [Dense(1)] public partial DenseLayer Out { get; }\n}\n").ToString();
            },
            (spec, prediction) => ThresholdDepth.ActivationGrowth(spec, prediction) > Default.ResidualGrowth);
        Assert.InRange(depth, 4, 12);
    }

    [Theory]
    [InlineData(5000, false)]
    [InlineData(100000, true)]
    public void ATwoUnitBottleneckAfterAWideInputPassesTheExplodingRatio(int inputs, bool above)
    {
        // R grows as √n₀: at the time of writing ≈ 95 with 20000 inputs, ≈ 134 with 40000.
        string source = $$"""
            using NetGen;
            [Network]
            public partial class N
            {
                [Input({{inputs}})] public partial InputLayer In { get; }
                [Dense(2, Activation.Tanh)] public partial DenseLayer Code { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        double ratio = NetworkModel.Estimate(source, "N").Prediction.Ratio;
        output.WriteLine($"bottleneck with {inputs} inputs: R = {ratio:G3}");
        Assert.Equal(above, ratio > Default.ExplodingRatio);
    }
}
