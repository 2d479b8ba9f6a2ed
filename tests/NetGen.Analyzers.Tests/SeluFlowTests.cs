using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Model;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// SELU in the mean-field estimator (moments by Gauss–Hermite quadrature over the catalog's φ and φ′): with LeCun
/// initialisation, which Init.Auto gives it, E[a²] = 1 is a fixed point and χ = 1.07 per layer, so a deep stack gets no
/// NG0001/NG0002/NG0003; He or Glorot are mismatches for NG0003, which fires only where the predicted gains leave the range.
/// </summary>
public sealed class SeluFlowTests
{
    private static readonly double Lambda = ActivationCatalog.SeluScale, Alpha = ActivationCatalog.SeluAlpha;

    private static bool Outside(double value) => !(value >= Thresholds.Default.InitGainMin && value <= Thresholds.Default.InitGainMax);

    [Fact]
    public void TheMomentsAtUnitVarianceAreTheClosedForms()
    {
        // z ~ N(0, 1), E[e^(a·z); z < 0] = e^(a²/2)·Φ(−a):
        // E[φ²]  = λ²·(1/2 + α²·(e²Φ(−2) − 2·e^(1/2)Φ(−1) + 1/2)) = 1.0000 (the fixed point q* = 1 of LeCun's σ_w² = 1),
        // E[φ′²] = λ²·(1/2 + α²·e²Φ(−2)) = 1.0716 (χ per layer at the fixed point),
        // E[φ]   = λ·(1/√(2π) + α·(e^(1/2)Φ(−1) − 1/2)) = 0.
        // (64-point Gauss–Hermite quadrature over φ′'s jump at 0 gave 1.056 for E[φ′²], and far too little for large q.)
        double e2 = Math.Exp(2) * ActivationCatalog.NormalCdf(-2), eHalf = Math.Exp(0.5) * ActivationCatalog.NormalCdf(-1);
        double meanSquare = Lambda * Lambda * (0.5 + Alpha * Alpha * (e2 - 2 * eHalf + 0.5));
        double derivativeMeanSquare = Lambda * Lambda * (0.5 + Alpha * Alpha * e2);
        double mean = Lambda * (1 / Math.Sqrt(2 * Math.PI) + Alpha * (eHalf - 0.5));
        Assert.Equal(1.0000, meanSquare, 4);
        Assert.Equal(1.0716, derivativeMeanSquare, 4);
        Assert.Equal(0, mean, 5);
        Assert.Equal(meanSquare, ActivationMoments.MeanSquare(Model.Activation.Selu, 1), 1e-6);
        Assert.Equal(derivativeMeanSquare, ActivationMoments.DerivativeMeanSquare(Model.Activation.Selu, 1), 1e-6);
        Assert.Equal(mean, ActivationMoments.Mean(Model.Activation.Selu, 1), 1e-6);
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    public void ForASmallVarianceTheMomentsAreThoseOfTheTwoSlopes(double q)
    {
        // φ ≈ λx or λαx near 0: E[φ²] → λ²(1 + α²)/2·q, E[φ′²] → λ²(1 + α²)/2, E[φ] → λ(1 − α)·√(q/2π), each up to a
        // relative O(√q) (the curvature of eˣ); no cancellation
        // (the series below q = 1 keeps them exact where the closed form's e^(…)Φ(…) − 1/2 would lose every digit).
        double slopes = Lambda * Lambda * (1 + Alpha * Alpha) / 2;
        Assert.Equal(1, ActivationMoments.MeanSquare(Model.Activation.Selu, q) / (slopes * q), 3 * Math.Sqrt(q));
        Assert.Equal(1, ActivationMoments.DerivativeMeanSquare(Model.Activation.Selu, q) / slopes, 3 * Math.Sqrt(q));
        Assert.Equal(1, ActivationMoments.Mean(Model.Activation.Selu, q) / (Lambda * (1 - Alpha) * Math.Sqrt(q / (2 * Math.PI))), 3 * Math.Sqrt(q));
    }

    [Theory]
    [InlineData(1e2)]
    [InlineData(1e4)]
    [InlineData(1e8)]
    public void ForALargeVarianceTheMomentsAreFiniteAndTendToThePositiveHalf(double q)
    {
        // E[φ²] → λ²q/2 + …, E[φ′²] → λ²/2 + λ²α²/(2√(2πq)): finite however large q (erfcx, not e^(2q)·Φ(−2√q)).
        Assert.InRange(ActivationMoments.MeanSquare(Model.Activation.Selu, q) / (Lambda * Lambda * q / 2), 1, 1.1);
        Assert.InRange(ActivationMoments.DerivativeMeanSquare(Model.Activation.Selu, q) / (Lambda * Lambda / 2), 1, 1.5);
        Assert.True(double.IsFinite(ActivationMoments.Mean(Model.Activation.Selu, q)));
    }

    [Fact]
    public void TheMomentsAreContinuousWhereTheSeriesHandsOverToTheClosedForm()
    {
        foreach (Func<Model.Activation, double, double> moment in new Func<Model.Activation, double, double>[]
            { ActivationMoments.MeanSquare, ActivationMoments.DerivativeMeanSquare, ActivationMoments.Mean })
        {
            double below = moment(Model.Activation.Selu, 1 - 1e-9), above = moment(Model.Activation.Selu, 1 + 1e-9);
            Assert.Equal(below, above, 1e-6);
        }
    }

    [Fact]
    public async Task ATwentyLayerSeluStackWithInitAutoKeepsQAtOneAndGetsNoWarning()
    {
        string source = NetworkSource.Stack("SeluNet", depth: 20, "Selu");
        var (spec, prediction) = NetworkModel.Estimate(source, "SeluNet");
        for (int l = 1; l <= 20; l++)
        {
            Assert.Equal(Model.Init.LeCun, spec.Layers[l].Init);
            Assert.InRange(prediction.Layers[l].PreActivationMeanSquare, 0.99, 1.01);
            Assert.InRange(prediction.Layers[l].OutputMeanSquare, 0.99, 1.01);
        }
        // χ from one hidden layer to the next: 16 · 1/16 · E[φ′²] = 1.07; over the stack R ≈ 2.7, G ≈ 3.7.
        for (int l = 1; l < 20; l++) Assert.InRange(GradientFlowEstimator.BackwardGain(spec, prediction, l), 1.0, 1.1);
        Assert.InRange(prediction.Ratio, 1, 10);
        Assert.InRange(prediction.DeltaGain, 1, 10);
        Assert.InRange(prediction.ForwardGrowth, 0.1, 10);
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task WithExplicitLeCunItIsTheSameNetworkAndAsClean()
    {
        string auto = NetworkSource.Stack("SeluNet", depth: 20, "Selu");
        string lecun = NetworkSource.Stack("SeluNet", depth: 20, "Selu", arguments: ", Init = Init.LeCun");
        Assert.Equal(NetworkModel.Estimate(auto, "SeluNet").Prediction.DeltaGain, NetworkModel.Estimate(lecun, "SeluNet").Prediction.DeltaGain);
        await Verifier.VerifyAnalyzerAsync(lecun);
    }

    [Fact]
    public async Task WithHeOverTwentyLayersItIsAMismatchButInsideTheRangeSoNoNG0003()
    {
        // σ_w² = 2: q grows about ×1.1 per layer and χ from 1.9 down to 1.2, G ≈ 4.7e2 and F ≈ 66, both inside [1e-3, 1e3].
        string source = NetworkSource.Stack("SeluHeNet", depth: 20, "Selu", arguments: ", Init = Init.He");
        var (spec, prediction) = NetworkModel.Estimate(source, "SeluHeNet");
        Assert.Equal(20, GradientFlowRules.MismatchedInitLayers(spec).Length);
        Assert.False(Outside(prediction.DeltaGain) || Outside(prediction.ForwardGrowth));
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task WithHeNG0003FiresFromTheFirstDepthWhoseGainLeavesTheRangeAndAsksForLeCun()
    {
        // At the time of writing: G ≈ 9.9e2 at 24 layers, over 1e3 at 25.
        static string Stack(int depth) => NetworkSource.Stack("SeluHeNet", depth, "Selu", arguments: ", Init = Init.He");
        int depth = ThresholdDepth.First(Stack, "SeluHeNet", (_, prediction) => Outside(prediction.DeltaGain) || Outside(prediction.ForwardGrowth), deepest: 80);
        Assert.InRange(depth, 21, 30); // docs/diagnostics/NG0003.md: "leaves the range at 25"
        var (_, prediction) = NetworkModel.Estimate(Stack(depth), "SeluHeNet");
        await Verifier.VerifyAnalyzerAsync(Stack(depth),
            Verifier.Diagnostic("NG0003").WithSpan(7, 33, 7, 47).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
                $"Hidden1–Hidden{depth}", "He", "selu", Figures.Format(prediction.DeltaGain), Figures.Format(prediction.ForwardGrowth), "Init.LeCun"));
        await Verifier.VerifyAnalyzerAsync(Stack(depth - 1));
    }

    [Fact]
    public async Task TheNG0003FixGivesSeluLeCunAndLeavesNothing()
    {
        static string Stack(int depth, string init) => NetworkSource.Stack("SeluHeNet", depth, "Selu", arguments: ", Init = Init." + init);
        int depth = ThresholdDepth.First(d => Stack(d, "He"), "SeluHeNet", (_, p) => Outside(p.DeltaGain) || Outside(p.ForwardGrowth), deepest: 80);
        string source = Stack(depth, "He").Replace(
            "[Dense(16, Activation.Selu, Init = Init.He)] public partial DenseLayer Hidden1 ",
            "[Dense(16, Activation.Selu, {|NG0003:Init = Init.He|})] public partial DenseLayer Hidden1 ");
        await Verifier.VerifyCodeFixAsync(source, Stack(depth, "LeCun"), "NG0003.Init");
    }

    [Fact]
    public async Task GlorotOnSquareLayersIsLeCunSoNG0003NeverFires()
    {
        // 2/(n + n) = 1/n: a mismatch by name, with LeCun's figures at any depth.
        string glorot = NetworkSource.Stack("SeluGlorotNet", depth: 60, "Selu", arguments: ", Init = Init.Glorot");
        string lecun = NetworkSource.Stack("SeluGlorotNet", depth: 60, "Selu", arguments: ", Init = Init.LeCun");
        var (spec, prediction) = NetworkModel.Estimate(glorot, "SeluGlorotNet");
        Assert.Equal(60, GradientFlowRules.MismatchedInitLayers(spec).Length);
        Assert.Equal(NetworkModel.Estimate(lecun, "SeluGlorotNet").Prediction.DeltaGain, prediction.DeltaGain, 12);
        await Verifier.VerifyAnalyzerAsync(glorot);
    }

    [Fact]
    public async Task GlorotOnWidthsThatAlternateModeratelyIsAMismatchInsideTheRange()
    {
        // 16 → 64 → 16 …: Glorot's 2/80 gives σ_w² = 0.4 and 1.6 in turn, but SELU's slopes lift a small q (E[φ²] ≈ 2.1·q),
        // so q settles near 0.49 and G stays near 1 however deep.
        string source = Alternating(60, "Glorot", 16, 64);
        var (spec, prediction) = NetworkModel.Estimate(source, "SeluWidths");
        Assert.Equal(60, GradientFlowRules.MismatchedInitLayers(spec).Length);
        Assert.False(Outside(prediction.DeltaGain) || Outside(prediction.ForwardGrowth));
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task GlorotFiresNG0003WhenWidthsAlternateSteeplyAndTheGainsLeaveTheRange()
    {
        // 4 → 256 → 4 …: σ_w² = 8/260 and 512/260 in turn, 0.06 per pair, which SELU's slopes (×2.1 each) cannot make up:
        // q and δ shrink ×0.27 per pair. LeCun (σ_w² = 1 everywhere) keeps q at 1 for the same widths.
        int depth = ThresholdDepth.First(d => Alternating(d, "Glorot", 4, 256), "SeluWidths", (_, p) => Outside(p.DeltaGain) || Outside(p.ForwardGrowth));
        string source = Alternating(depth, "Glorot", 4, 256);
        var (spec, prediction) = NetworkModel.Estimate(source, "SeluWidths");
        Assert.Equal(depth, GradientFlowRules.MismatchedInitLayers(spec).Length);
        Assert.InRange(depth, 3, 10); // docs/diagnostics/NG0003.md: "fire within ten"
        string line = source.Split('\n')[6];
        int start = line.IndexOf("Init = ", StringComparison.Ordinal) + 1;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0003").WithSpan(7, start, 7, start + "Init = Init.Glorot".Length).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
                $"Hidden1–Hidden{depth}", "Glorot", "selu", Figures.Format(prediction.DeltaGain), Figures.Format(prediction.ForwardGrowth), "Init.LeCun"));
        await Verifier.VerifyAnalyzerAsync(Alternating(depth - 1, "Glorot", 4, 256));
        await Verifier.VerifyAnalyzerAsync(Alternating(depth, "LeCun", 4, 256));
    }

    /// <summary>
    /// SELU layers of <paramref name="wide"/> and <paramref name="narrow"/> units in turn after <paramref name="narrow"/>
    /// inputs, all with <paramref name="init"/>, and a linear output: the first hidden layer is on line 7.
    /// </summary>
    private static string Alternating(int depth, string init, int narrow, int wide)
    {
        var text = new StringBuilder("using NetGen;\n\n[Network(Loss = Loss.MeanSquaredError)]\npublic partial class SeluWidths\n{\n");
        text.Append($"    [Input({narrow})] public partial InputLayer In {{ get; }}\n");
        foreach (int layer in Enumerable.Range(1, depth))
            text.Append($"    [Dense({(layer % 2 == 1 ? wide : narrow)}, Activation.Selu, Init = Init.{init})] public partial DenseLayer Hidden{layer} {{ get; }}\n");
        return text.Append("    [Dense(1)] public partial DenseLayer Out { get; }\n}\n").ToString();
    }
}
