using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using NetGen.Analyzers;
using NetGen.Model;
using NetGen.Numerics;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// The analyzer's prediction held against GradientFlow.Measure over a grid of feed-forward networks
/// (activation × init × depth × width × residual) and a set of convolution networks (Conv1D and Conv2D stacks with max,
/// average and global pooling, strides, dilation, residuals): the median error of log10 R and log10 G stays within
/// half a decade, and the NG0001/NG0002/NG0003/NG0005 verdicts on predicted and measured figures agree; the same
/// holds for the SELU and SiLU networks on their own and for the convolution networks on their own, and a 20-layer SELU
/// stack with Init.Auto is clean both ways.
/// </summary>
public class GradientFlowCalibrationTests(ITestOutputHelper output)
{
    private const int Samples = 64;

    /// <summary>Training mode: 4 batches of GradientFlow.Measure's default 64.</summary>
    private const int TrainingSamples = 256;

    /// <summary>A network of the calibration: its declaration and, for the table, what it is.</summary>
    public abstract record CalibrationNetwork(string Name, Activation Activation)
    {
        public abstract string Source();

        /// <summary>Init, depth, width and residual, or a convolution network's layers, for the table.</summary>
        public abstract string Describe();
    }

    /// <summary>One grid point: what is declared.</summary>
    public sealed record GridNetwork(string Name, Activation Activation, Init Init, int Depth, int Width, bool Residual) : CalibrationNetwork(Name, Activation)
    {
        public override string Describe() => string.Format(CultureInfo.InvariantCulture, "{0,-11} {1,5} {2,5} {3,-5}", Init, Depth, Width, Residual ? "yes" : "no");

        public override string Source()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"[NetGen.Network(Seed = 3)] public partial class {Name} {{");
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Input({Width})] public partial NetGen.InputLayer In {{ get; }}");
            for (int l = 1; l <= Depth; l++)
            {
                string residual = Residual && l >= 2 ? $", Residual = nameof(H{l - 1})" : "";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  [NetGen.Dense({Width}, NetGen.Activation.{Activation}, Init = NetGen.Init.{Init}{residual})] public partial NetGen.DenseLayer H{l} {{ get; }}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Dense(10)] public partial NetGen.DenseLayer Out {{ get; }}");
            return text.Append('}').ToString();
        }
    }

    /// <summary>How a convolution network's layers slide their window.</summary>
    public enum Windows
    {
        /// <summary>Kernel 3, padding "same": the length kept.</summary>
        Same,

        /// <summary>Kernel 3, causal, dilation doubling from layer to layer (a temporal convolution network).</summary>
        CausalDilated,

        /// <summary>Kernel 3, stride 2, padding 1: the length halved by every layer.</summary>
        Strided,
    }

    /// <summary>
    /// A stack of <paramref name="Depth"/> Conv1D (input 4 × 32) or Conv2D (input 3 × 8 × 8, 3 × 16 × 16 when strided)
    /// layers of <paramref name="Filters"/> filters, kernel 3; <paramref name="Pooling"/> ("Max", "Avg" or "") of size 2
    /// after every second one but the last; a residual from each layer to the one before it where no pooling lies between;
    /// global average pooling when <paramref name="Global"/>; a linear Dense(10) head (flattening without global pooling).
    /// </summary>
    public sealed record ConvNetwork(string Name, Activation Activation, Init Init, int Rank, int Depth, int Filters, Windows Window,
        string Pooling, bool Global, bool Residual) : CalibrationNetwork(Name, Activation)
    {
        public override string Describe()
            => string.Format(CultureInfo.InvariantCulture, "{0,-11} Conv{1}D ×{2} f{3} {4}{5}{6}{7}", Init, Rank, Depth, Filters, Window,
                Pooling.Length > 0 ? " " + Pooling.ToLowerInvariant() + "pool" : "", Global ? " gap" : "", Residual ? " res" : "");

        public override string Source()
        {
            var text = new StringBuilder();
            string input = Rank == 1 ? "4, 32" : Window == Windows.Strided ? "3, 16, 16" : "3, 8, 8";
            text.AppendLine(CultureInfo.InvariantCulture, $"[NetGen.Network(Seed = 3)] public partial class {Name} {{");
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Input({input})] public partial NetGen.InputLayer In {{ get; }}");
            bool pooledBefore = true; // no residual into the first layer
            for (int l = 1; l <= Depth; l++)
            {
                string window = Window switch
                {
                    Windows.Same => "Same = true",
                    Windows.CausalDilated => $"Causal = true, Dilation = {1 << (l - 1)}",
                    _ => "Stride = 2, Padding = 1",
                };
                string residual = Residual && !pooledBefore ? $", Residual = nameof(C{l - 1})" : "";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  [NetGen.Conv{Rank}D({Filters}, 3, NetGen.Activation.{Activation}, Init = NetGen.Init.{Init}, {window}{residual})] public partial NetGen.ConvLayer C{l} {{ get; }}");
                pooledBefore = Pooling.Length > 0 && l % 2 == 0 && l < Depth;
                if (pooledBefore)
                    text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.{Pooling}Pool{Rank}D(2)] public partial NetGen.PoolingLayer P{l} {{ get; }}");
            }
            if (Global) text.AppendLine("  [NetGen.GlobalAvgPool] public partial NetGen.PoolingLayer G { get; }");
            text.AppendLine("  [NetGen.Dense(10)] public partial NetGen.DenseLayer Out { get; }");
            return text.Append('}').ToString();
        }
    }

    /// <summary>
    /// The convolution networks, chosen by what they exercise, not by how well they are predicted: saturating stacks
    /// (NG0001's case) with and without pooling, tanh and ReLU stacks under each pooling, mismatched inits (NG0003's case:
    /// ReLU with LeCun fading, a linear stack with He growing past NG0002's bar too), residual stacks (NG0005's case), a
    /// temporal convolution network, strided 2D layers, the smooth and self-normalising activations whose products
    /// come from Mehler's expansion, and the least well predicted kind, a ReLU residual stack under global pooling (see
    /// GradientFlowEstimator: the gradient follows the forward signal there).
    /// </summary>
    public static IReadOnlyList<ConvNetwork> ConvNetworks { get; } =
    [
        new("Conv0", Activation.Sigmoid, Init.Auto, 1, 6, 32, Windows.Same, "", false, false),
        new("Conv1", Activation.Sigmoid, Init.Auto, 1, 4, 32, Windows.Same, "Max", true, false),
        new("Conv2", Activation.Tanh, Init.Auto, 1, 8, 32, Windows.Same, "Max", false, false),
        new("Conv3", Activation.Tanh, Init.He, 1, 12, 32, Windows.Same, "", false, false),
        new("Conv4", Activation.Relu, Init.Auto, 1, 8, 32, Windows.Same, "Avg", true, false),
        new("Conv5", Activation.Relu, Init.Glorot, 1, 12, 32, Windows.Same, "", false, false),
        new("Conv6", Activation.Relu, Init.Auto, 1, 8, 32, Windows.Same, "", false, true),
        new("Conv7", Activation.Tanh, Init.Auto, 1, 8, 32, Windows.Same, "", true, true),
        new("Conv8", Activation.Tanh, Init.Auto, 1, 5, 32, Windows.CausalDilated, "", true, false),
        new("Conv9", Activation.Selu, Init.Auto, 1, 8, 32, Windows.Same, "", false, false),
        new("Conv10", Activation.Sigmoid, Init.Auto, 2, 6, 16, Windows.Same, "Max", false, false),
        new("Conv11", Activation.Tanh, Init.Auto, 2, 4, 16, Windows.Same, "Avg", true, false),
        new("Conv12", Activation.Relu, Init.Auto, 2, 6, 16, Windows.Same, "Max", true, false),
        new("Conv13", Activation.Relu, Init.Auto, 2, 4, 16, Windows.Same, "", false, true),
        new("Conv14", Activation.Relu, Init.Auto, 2, 3, 16, Windows.Strided, "", false, false),
        new("Conv15", Activation.Gelu, Init.Auto, 2, 6, 16, Windows.Same, "Avg", false, false),
        new("Conv16", Activation.Relu, Init.LeCun, 1, 16, 16, Windows.Same, "", false, false),
        new("Conv17", Activation.Linear, Init.He, 1, 18, 16, Windows.Same, "", false, false),
        new("Conv18", Activation.Relu, Init.Auto, 1, 6, 32, Windows.Same, "", true, true),
    ];

    /// <summary>
    /// A stack of <paramref name="Depth"/> blocks of width <paramref name="Width"/>, measured in training mode: with
    /// <paramref name="Dropout"/> 0, linear Dense then <paramref name="Norm"/>(activation) (PyTorch's Linear → BatchNorm1d or
    /// LayerNorm → φ), a residual from each normalisation to the one before it when <paramref name="Residual"/>; else
    /// Dense(activation) then Dropout(p). A linear Dense(10) head.
    /// </summary>
    public sealed record NormNetwork(string Name, Activation Activation, int Depth, int Width, bool Residual, double Dropout = 0, string Norm = "BatchNorm")
        : CalibrationNetwork(Name, Activation)
    {
        public override string Describe()
            => string.Format(CultureInfo.InvariantCulture, "{0,-11} {1,5} {2,5} {3,-5}", Dropout > 0 ? $"dropout {Dropout}" : Norm.ToLowerInvariant(), Depth, Width, Residual ? "yes" : "no");

        public override string Source()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"[NetGen.Network(Seed = 3)] public partial class {Name} {{");
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Input({Width})] public partial NetGen.InputLayer In {{ get; }}");
            for (int l = 1; l <= Depth; l++)
            {
                if (Dropout > 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Dense({Width}, NetGen.Activation.{Activation})] public partial NetGen.DenseLayer H{l} {{ get; }}");
                    text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Dropout({Dropout.ToString(CultureInfo.InvariantCulture)})] public partial NetGen.DropoutLayer D{l} {{ get; }}");
                    continue;
                }
                string residual = Residual && l >= 2 ? $", Residual = nameof(B{l - 1})" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Dense({Width})] public partial NetGen.DenseLayer H{l} {{ get; }}");
                text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.{Norm}(NetGen.Activation.{Activation}{residual})] public partial NetGen.{Norm}Layer B{l} {{ get; }}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Dense(10)] public partial NetGen.DenseLayer Out {{ get; }}");
            return text.Append('}').ToString();
        }
    }

    /// <summary>
    /// A stack of <paramref name="Depth"/> blocks of a linear Conv2D (<paramref name="Filters"/> filters, kernel 3, "same")
    /// then BatchNorm(activation) over its channels (PyTorch's Conv2d → BatchNorm2d → φ) on a 3 × 8 × 8 input, a residual from
    /// each BatchNorm to the one before it when <paramref name="Residual"/>, and a linear Dense(10) head (flattening);
    /// measured in training mode.
    /// </summary>
    public sealed record ConvNormNetwork(string Name, Activation Activation, int Depth, int Filters, bool Residual) : CalibrationNetwork(Name, Activation)
    {
        public override string Describe()
            => string.Format(CultureInfo.InvariantCulture, "batchnorm   Conv2D ×{0} f{1}{2}", Depth, Filters, Residual ? " res" : "");

        public override string Source()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"[NetGen.Network(Seed = 3)] public partial class {Name} {{");
            text.AppendLine("  [NetGen.Input(3, 8, 8)] public partial NetGen.InputLayer In { get; }");
            for (int l = 1; l <= Depth; l++)
            {
                string residual = Residual && l >= 2 ? $", Residual = nameof(B{l - 1})" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Conv2D({Filters}, 3, Same = true)] public partial NetGen.ConvLayer C{l} {{ get; }}");
                text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.BatchNorm(NetGen.Activation.{Activation}{residual})] public partial NetGen.BatchNormLayer B{l} {{ get; }}");
            }
            text.AppendLine("  [NetGen.Dense(10)] public partial NetGen.DenseLayer Out { get; }");
            return text.Append('}').ToString();
        }
    }

    /// <summary>
    /// Batch normalisation at depths 4–50 (ReLU and tanh, with and without residuals: the explosion without them, Yang et
    /// al. 2019), dropout at p = 0.1, 0.3, 0.5 in tanh and ReLU stacks (Schoenholz et al. 2017), layer normalisation at
    /// depths 8 and 32, and batch normalisation after 2D convolutions at depths 6 and 12 with and without residuals.
    /// </summary>
    public static IReadOnlyList<NormNetwork> NormNetworks { get; } = BuildNormNetworks();

    public static IReadOnlyList<ConvNormNetwork> ConvNormNetworks { get; } =
    [
        new("ConvNorm0", Activation.Relu, 6, 16, Residual: false),
        new("ConvNorm1", Activation.Relu, 12, 16, Residual: false),
        new("ConvNorm2", Activation.Relu, 12, 16, Residual: true),
        new("ConvNorm3", Activation.Tanh, 12, 16, Residual: false),
    ];

    private static List<NormNetwork> BuildNormNetworks()
    {
        var networks = new List<NormNetwork>();
        foreach (Activation activation in new[] { Activation.Relu, Activation.Tanh })
        {
            foreach (int depth in new[] { 4, 8, 16, 32, 50 })
                networks.Add(new NormNetwork($"Norm{networks.Count}", activation, depth, 64, Residual: false));
            foreach (int depth in new[] { 8, 32 })
                networks.Add(new NormNetwork($"Norm{networks.Count}", activation, depth, 64, Residual: true));
            foreach (double p in new[] { 0.1, 0.3, 0.5 })
                networks.Add(new NormNetwork($"Norm{networks.Count}", activation, 8, 64, Residual: false, p));
        }
        // After the first 20, so that those keep their names.
        foreach (Activation activation in new[] { Activation.Relu, Activation.Tanh })
            foreach (int depth in new[] { 8, 32 })
                networks.Add(new NormNetwork($"Norm{networks.Count}", activation, depth, 64, Residual: false, Norm: "LayerNorm"));
        return networks;
    }

    // Before Grid: static initialisers run in the order written.
    private static readonly Init[] Inits = [Init.Auto, Init.Glorot, Init.He, Init.LeCun, Init.Orthogonal];
    private static readonly int[] Depths = [2, 3, 5, 8, 12, 20];
    private static readonly int[] Widths = [16, 32, 64, 128, 256];

    /// <summary>The activations added to the grid after its first 48 points.</summary>
    private static readonly Activation[] SelfNormalisingAndSmooth = [Activation.Selu, Activation.Silu];

    /// <summary>
    /// 48 grid points picked from the full grid by a seeded draw, so the set is fixed and varied, then 20 of SELU and SiLU
    /// from their own seed (the first 48 stay as they were before those activations came).
    /// </summary>
    public static IReadOnlyList<GridNetwork> Grid { get; } = BuildGrid();

    private static List<GridNetwork> BuildGrid()
    {
        var grid = new List<GridNetwork>();
        Activation[] activations = [Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu, Activation.Gelu, Activation.Softplus];
        var random = new SeededRandom(2024);
        for (int i = 0; i < 48; i++)
        {
            Activation activation = activations[i % activations.Length];
            grid.Add(new GridNetwork($"Grid{i}", activation, Inits[random.NextInt(Inits.Length)],
                Depths[random.NextInt(Depths.Length)], Widths[random.NextInt(Widths.Length)], Residual: i % 4 == 3));
        }
        // SELU and SiLU with every init twice (depth and width drawn), so that SELU's LeCun fixed point and its He and
        // Glorot mismatches are all measured.
        random = new SeededRandom(2026);
        int drawn = 0;
        foreach (Activation activation in SelfNormalisingAndSmooth)
        {
            foreach (Init init in Inits)
            {
                for (int repeat = 0; repeat < 2; repeat++, drawn++)
                    grid.Add(new GridNetwork($"Grid{grid.Count}", activation, init,
                        Depths[random.NextInt(Depths.Length)], Widths[random.NextInt(Widths.Length)], Residual: drawn % 4 == 3));
            }
        }
        // The self-normalising case itself: a plain 20-layer SELU stack with Init.Auto (LeCun), E[a²] = 1 all the way.
        grid.Add(new GridNetwork(DeepSelu, Activation.Selu, Init.Auto, 20, 64, Residual: false));
        // Residual ReLU stacks (issue 17): the gradient's component along the forward signal's positive mean compounds
        // faster than the independent-gradient estimate; depth 8 and 16, width 32 and 64, He and Auto.
        foreach (Init init in new[] { Init.He, Init.Auto })
            foreach (int depth in new[] { 8, 16 })
                foreach (int width in new[] { 32, 64 })
                    grid.Add(new GridNetwork($"ResRelu{grid.Count}", Activation.Relu, init, depth, width, Residual: true));
        return grid;
    }

    private const string DeepSelu = "DeepSelu";

    [Fact]
    public void PredictionsMatchMeasurementsAcrossTheGrid()
    {
        CalibrationNetwork[] networks = [.. Grid, .. ConvNetworks, .. NormNetworks, .. ConvNormNetworks];
        string[] sources = networks.Select(network => network.Source()).ToArray();
        Assembly assembly = GeneratorHarness.CompileAndLoad(sources);
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        var rows = networks.Select(network => Calibrate(network, assembly, compilation)).ToList();
        Calibration all = Calibration.Of(rows);
        string table = Table(rows, all);
        output.WriteLine(table);

        Assert.True(all.RatioError <= 0.5, $"median |log10 R error| = {all.RatioError:F2} decades\n{table}");
        Assert.True(all.GainError <= 0.5, $"median |log10 G error| = {all.GainError:F2} decades\n{table}");
        Assert.True(all.Agreement >= 0.95, $"verdicts agree on {all.Agreement:P0} of the grid\n{table}");

        // SELU and SiLU on their own (their moments come by quadrature over a kink, resp. a non-zero mean): the same bars.
        Calibration added = Calibration.Of(rows.Where(row => row.Network is GridNetwork && SelfNormalisingAndSmooth.Contains(row.Network.Activation)));
        Assert.True(added.RatioError <= 0.5 && added.GainError <= 0.5 && added.Agreement >= 0.95, $"SELU and SiLU: {added}\n{table}");

        // The convolution networks on their own (positions, windows, pooling): the same bars.
        Calibration convolutions = Calibration.Of(rows.Where(row => row.Network is ConvNetwork));
        output.WriteLine($"Convolution networks: {convolutions}");
        Assert.True(convolutions.RatioError <= 0.5 && convolutions.GainError <= 0.5 && convolutions.Agreement >= 0.95, $"Convolution networks: {convolutions}\n{table}");

        // Normalisation and dropout, measured in training mode: the same bars.
        Calibration norms = Calibration.Of(rows.Where(row => row.Network is NormNetwork or ConvNormNetwork));
        output.WriteLine($"Normalisation and dropout networks: {norms}");
        Assert.True(norms.RatioError <= 0.5 && norms.GainError <= 0.5 && norms.Agreement >= 0.95, $"Normalisation and dropout: {norms}\n{table}");

        // The deep SELU stack: no warning, predicted or measured; R and G within a decade of 1 both ways (χ = 1.07 per layer
        // makes G ≈ 3.7 over 20 layers, not exactly 1; measured, 2.3 at width 64), and prediction and measurement within a
        // quarter of a decade (0.21 at the time of writing).
        Row selu = rows.Single(row => row.Network.Name == DeepSelu);
        Assert.True(selu.PredictedVerdicts == "" && selu.MeasuredVerdicts == "", $"{DeepSelu}: {selu.PredictedVerdicts} | {selu.MeasuredVerdicts}\n{table}");
        Assert.All(new[] { selu.PredictedRatio, selu.MeasuredRatio, selu.PredictedGain, selu.MeasuredGain },
            figure => Assert.InRange(Math.Abs(Math.Log10(figure)), 0, 1));
        Assert.InRange(Math.Abs(Math.Log10(selu.PredictedRatio / selu.MeasuredRatio)), 0, 0.25);
        Assert.InRange(Math.Abs(Math.Log10(selu.PredictedGain / selu.MeasuredGain)), 0, 0.25);
    }

    private sealed record Row(CalibrationNetwork Network, double PredictedRatio, double MeasuredRatio, double PredictedGain, double MeasuredGain,
        string PredictedVerdicts, string MeasuredVerdicts)
    {
        public bool VerdictsAgree => PredictedVerdicts == MeasuredVerdicts;
    }

    /// <summary>Median |log10 error| of R and G in decades, and the share of networks whose verdicts agree.</summary>
    private sealed record Calibration(double RatioError, double GainError, double Agreement, int Count)
    {
        public static Calibration Of(IEnumerable<Row> selected)
        {
            Row[] rows = selected.ToArray();
            return new Calibration(Median(rows.Select(row => Math.Abs(Math.Log10(row.PredictedRatio / row.MeasuredRatio)))),
                Median(rows.Select(row => Math.Abs(Math.Log10(row.PredictedGain / row.MeasuredGain)))),
                rows.Count(row => row.VerdictsAgree) / (double)rows.Length, rows.Length);
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "median |log10 error|: R {0:F2} decades, G {1:F2} decades; verdicts agree on {2:P1} of {3} networks", RatioError, GainError, Agreement, Count);
    }

    private static Row Calibrate(CalibrationNetwork network, Assembly assembly, Compilation compilation)
    {
        Type type = assembly.GetType(network.Name)!;
        var net = (INetwork)Activator.CreateInstance(type)!;
        var random = new SeededRandom(7);
        int samples = network is NormNetwork or ConvNormNetwork ? TrainingSamples : Samples;
        var inputs = new float[samples * net.InputSize];
        var targets = new float[samples * net.OutputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextNormal();
        GradientFlowReport measured = GradientFlow.Measure(net, inputs, targets, samples);

        NetworkSpec spec = Parse(compilation, network.Name);
        GradientFlowPrediction prediction = GradientFlowEstimator.Estimate(spec);
        // Report entries start at layer 1.
        var measuredFigures = new GradientFlowRules.FlowFigures(measured.Ratio, measured.DeltaGain, measured.ForwardGrowth,
            measured.Layers[GradientFlowRules.LastHiddenWeightLayer(spec) - 1].ActivationMeanSquare);
        return new Row(network, prediction.Ratio, measured.Ratio, prediction.DeltaGain, measured.DeltaGain,
            Verdicts(spec, GradientFlowRules.Predicted(prediction, spec)), Verdicts(spec, measuredFigures));
    }

    /// <summary>Which of the gradient-flow warnings the figures trigger, as "NG0001,NG0003" (empty for none).</summary>
    private static string Verdicts(NetworkSpec spec, GradientFlowRules.FlowFigures figures)
    {
        Thresholds thresholds = Thresholds.Default;
        var fired = new List<string>();
        if (GradientFlowRules.IsVanishing(spec, figures, thresholds)) fired.Add("NG0001");
        if (GradientFlowRules.IsExploding(spec, figures, thresholds)) fired.Add("NG0002");
        if (GradientFlowRules.IsInitMismatch(spec, figures, thresholds)) fired.Add("NG0003");
        if (GradientFlowRules.IsResidualGrowth(spec, figures, thresholds)) fired.Add("NG0005");
        return string.Join(",", fired);
    }

    private static NetworkSpec Parse(Compilation compilation, string name)
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(name)!;
        AttributeData attribute = type.GetAttributes().Single(a => a.AttributeClass?.Name == "NetworkAttribute");
        return NetworkParser.Parse(type, attribute, default);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Table(List<Row> rows, Calibration calibration)
    {
        var table = new StringBuilder();
        table.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,-11} {2,-46} {3,11}  {4,11}  {5,11}  {6,11}   {7}",
            "network", "activation", "init        depth width res / layers", "R predicted", "R measured", "G predicted", "G measured", "verdicts (predicted | measured)"));
        foreach (Row row in rows)
        {
            CalibrationNetwork n = row.Network;
            table.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,-11} {2,-46} {3,11:0.00e+00}  {4,11:0.00e+00}  {5,11:0.00e+00}  {6,11:0.00e+00}   {7} | {8}{9}",
                n.Name, n.Activation, n.Describe(), row.PredictedRatio, row.MeasuredRatio, row.PredictedGain, row.MeasuredGain,
                row.PredictedVerdicts, row.MeasuredVerdicts, row.VerdictsAgree ? "" : "   <-- disagree"));
        }
        table.AppendLine(calibration.ToString());
        return table.ToString();
    }
}
