using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using NetGen.Numerics;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0004 and NG0006 held against measurement as issue 17 defines it, over a grid of recurrent networks: kind (Elman tanh,
/// sigmoid, ReLU; LSTM; GRU) × init × T × width × memory-gate bias × stacking. Measured: for each of 32 random sequences,
/// the mean square of the state gradient at the first step over that at the last (δ = dL/dz for Elman, dL/dc for an LSTM,
/// dL/dh for a GRU; GradientFlow.MeasureThroughTime), geometric mean over the sequences, in the lowest recurrent layer.
/// Verdicts: NG0004 (Elman) when that is below 10⁻⁶, NG0006 (LSTM, GRU) below e⁻²⁰ (τ &lt; T/10 in amplitude); a case
/// within half a decade of its threshold is borderline, reported, not scored. Predicted: the figure both rules compare,
/// RecurrentFlow.LogGradientOverSequence. Bars: the issue's (verdicts agree on ≥ 95 % of the scored, median error ≤ 0.5
/// decades), and per kind today's figures rounded down, a regression floor.
/// </summary>
public class RecurrentGradientCalibrationTests(ITestOutputHelper output)
{
    private const int Samples = 32, Features = 4;

    /// <summary>
    /// Figures below float's smallest normal number are floored there before they are compared: a float32 gradient that
    /// many decades down is zero to the network (and the double-precision measurement itself underflows near 1e−300).
    /// </summary>
    private const double Floor = 1.1754943508222875e-38;

    public enum Kind { ElmanTanh, ElmanSigmoid, ElmanRelu, Lstm, Gru }

    public sealed record RnnNetwork(string Name, Kind Kind, Init Init, int Steps, int Width, float Bias, int Layers)
    {
        public bool Gated => Kind is Kind.Lstm or Kind.Gru;

        public string Source()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"[NetGen.Network(Seed = 3)] public partial class {Name} {{");
            text.AppendLine(CultureInfo.InvariantCulture, $"  [NetGen.Input({Features})] public partial NetGen.InputLayer In {{ get; }}");
            for (int l = 1; l <= Layers; l++)
            {
                string common = string.Create(CultureInfo.InvariantCulture, $"ReturnSequences = {(l < Layers ? "true" : "false")}, Init = NetGen.Init.{Init}, RecurrentInit = NetGen.Init.{Init}");
                text.AppendLine(Kind switch
                {
                    Kind.Lstm => string.Create(CultureInfo.InvariantCulture, $"  [NetGen.Lstm({Width}, {common}, ForgetBias = {Bias}f)] public partial NetGen.LstmLayer R{l} {{ get; }}"),
                    Kind.Gru => string.Create(CultureInfo.InvariantCulture, $"  [NetGen.Gru({Width}, {common}, UpdateBias = {Bias}f)] public partial NetGen.GruLayer R{l} {{ get; }}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"  [NetGen.Recurrent({Width}, NetGen.Activation.{Activation}, {common})] public partial NetGen.RecurrentLayer R{l} {{ get; }}"),
                });
            }
            text.AppendLine("  [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }");
            return text.Append('}').ToString();
        }

        private string Activation => Kind switch { Kind.ElmanSigmoid => "Sigmoid", Kind.ElmanRelu => "Relu", _ => "Tanh" };

        public string Describe() => string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,-10} {2,4} {3,4} {4,4} {5,2}",
            Kind, Init, Steps, Width, Gated ? Bias.ToString("0", CultureInfo.InvariantCulture) : "-", Layers);
    }

    private static readonly Kind[] Kinds = [Kind.ElmanTanh, Kind.ElmanSigmoid, Kind.ElmanRelu, Kind.Lstm, Kind.Gru];
    private static readonly Init[] Inits = [Init.Glorot, Init.Orthogonal, Init.Auto, Init.He];
    private static readonly int[] Lengths = [5, 20, 50, 100, 200];
    private static readonly int[] Widths = [8, 32, 128];
    private static readonly float[] Biases = [0, 1, 3];

    /// <summary>
    /// 64 points drawn from the full grid by a seeded draw (kinds in turn, so each has 12–13), then the issue's named
    /// misses: ReLU Elman at T = 20, width 16 and 64, Glorot and Auto; LSTMs with ForgetBias = 1 at T = 50 and 100, width 16 and 64.
    /// </summary>
    public static IReadOnlyList<RnnNetwork> Grid { get; } = BuildGrid();

    private static List<RnnNetwork> BuildGrid()
    {
        var grid = new List<RnnNetwork>();
        var random = new SeededRandom(17);
        for (int i = 0; i < 64; i++)
        {
            Kind kind = Kinds[i % Kinds.Length];
            Init init = Inits[random.NextInt(Inits.Length)];
            int steps = Lengths[random.NextInt(Lengths.Length)], width = Widths[random.NextInt(Widths.Length)];
            float bias = Biases[random.NextInt(Biases.Length)];
            int layers = 1 + random.NextInt(2);
            grid.Add(new RnnNetwork($"Rnn{grid.Count}", kind, init, steps, width, kind is Kind.Lstm or Kind.Gru ? bias : 0, layers));
        }
        foreach (Init init in new[] { Init.Glorot, Init.Auto })
            foreach (int width in new[] { 16, 64 })
                grid.Add(new RnnNetwork($"Rnn{grid.Count}", Kind.ElmanRelu, init, 20, width, 0, 1));
        foreach (int steps in new[] { 50, 100 })
            foreach (int width in new[] { 16, 64 })
                grid.Add(new RnnNetwork($"Rnn{grid.Count}", Kind.Lstm, Init.Auto, steps, width, 1, 1));
        return grid;
    }

    private sealed record Row(RnnNetwork Network, double Predicted, double Measured, bool PredictedVerdict, bool MeasuredVerdict, bool Borderline)
    {
        /// <summary>|log10 predicted − log10 measured|, both floored at float's smallest normal (<see cref="Floor"/>).</summary>
        public double Error => Math.Abs(Math.Log10(Math.Max(Predicted, Floor)) - Math.Log10(Math.Max(Measured, Floor)));

        /// <summary>The same without the floor.</summary>
        public double RawError => Math.Abs(Math.Log10(Predicted) - Math.Log10(Measured));

        public bool BeyondFloat => Predicted < Floor && Measured < Floor;
    }

    /// <summary>Scored: not borderline. Precision and recall of the predicted warning against the measured problem.</summary>
    private sealed record Summary(int Count, int Borderline, double Agreement, double Precision, double Recall, double MedianError, double MedianErrorScored,
        double MedianRawError, int BeyondFloat)
    {
        public static Summary Of(IReadOnlyCollection<Row> rows)
        {
            Row[] scored = rows.Where(row => !row.Borderline).ToArray();
            int truePositive = scored.Count(row => row.PredictedVerdict && row.MeasuredVerdict);
            int predicted = scored.Count(row => row.PredictedVerdict), measured = scored.Count(row => row.MeasuredVerdict);
            return new Summary(rows.Count, rows.Count - scored.Length,
                scored.Count(row => row.PredictedVerdict == row.MeasuredVerdict) / (double)scored.Length,
                predicted == 0 ? 1 : truePositive / (double)predicted, measured == 0 ? 1 : truePositive / (double)measured,
                Median(rows.Select(row => row.Error)), Median(scored.Select(row => row.Error)), Median(rows.Select(row => row.RawError)), rows.Count(row => row.BeyondFloat));
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "{0} networks, {1} borderline (not scored): verdicts agree on {2:P1}, precision {3:F2}, recall {4:F2}; median |log10 error| {5:F2} decades ({6:F2} over the scored; {7:F2} without the float floor, which {8} rows are both beyond)",
            Count, Borderline, Agreement, Precision, Recall, MedianError, MedianErrorScored, MedianRawError, BeyondFloat);
    }

    [Fact]
    public void RecurrentVerdictsAndFiguresMatchTheMeasuredGradientThroughTime()
    {
        var clock = Stopwatch.StartNew();
        string[] sources = Grid.Select(network => network.Source()).ToArray();
        Assembly assembly = GeneratorHarness.CompileAndLoad(sources);
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        var rows = Grid.Select(network => Calibrate(network, assembly, compilation)).ToList();
        Summary all = Summary.Of(rows);
        string table = Table(rows, all);
        foreach (Kind kind in Kinds) table += $"{kind,-12}: {Summary.Of(rows.Where(row => row.Network.Kind == kind).ToList())}\n";
        output.WriteLine(table);
        output.WriteLine($"measured and predicted in {clock.Elapsed.TotalSeconds:F1} s");

        // Before issue 17's estimator (χ_r^(T−1) for Elman, NG0006 on τ = −1/ln σ(b)): 88.1 %, precision 0.83, recall 1.00,
        // median 4.93 decades (without the floor; LSTM 70.6 %, GRU 72.7 %, all misses false alarms). Now: the issue's bars,
        // and per kind floors at today's figures rounded (agreement down, error up).
        output.WriteLine(AnalyzerTime(compilation));
        Assert.True(all.Agreement >= 0.95, $"agreement {all.Agreement:P1}\n{table}");
        Assert.True(all.MedianError <= 0.5, $"median error {all.MedianError:F2}\n{table}");
        (Kind Kind, double Agreement, double MedianError)[] floors =
            [(Kind.ElmanTanh, 1.0, 0.3), (Kind.ElmanSigmoid, 1.0, 0.1), (Kind.ElmanRelu, 0.92, 0.5), (Kind.Lstm, 0.94, 0.6), (Kind.Gru, 1.0, 1.6)];
        foreach ((Kind kind, double agreement, double medianError) in floors)
        {
            Summary summary = Summary.Of(rows.Where(row => row.Network.Kind == kind).ToList());
            Assert.True(summary.Agreement >= agreement && summary.MedianError <= medianError, $"{kind}: {summary}\n{table}");
        }
    }

    /// <summary>
    /// What the IDE pays per network (NetworkAnalyzer: the estimate and the rules, after parsing) with SequenceLength set to
    /// the grid's T, so NG0004/NG0006 run, and their fix's bisection where NG0006 fires: the median of 21 runs of each.
    /// </summary>
    private static string AnalyzerTime(Compilation compilation)
    {
        var times = new List<(double Milliseconds, RnnNetwork Network)>();
        var clock = new Stopwatch();
        foreach (RnnNetwork network in Grid)
        {
            NetworkSpec spec = Parse(compilation, network.Name) with { SequenceLength = network.Steps };
            var runs = new double[21];
            for (int run = 0; run < runs.Length; run++)
            {
                clock.Restart();
                GradientFlowPrediction prediction = GradientFlowEstimator.Estimate(spec);
                _ = GradientFlowRules.Evaluate(spec, prediction, Thresholds.Default, default).Count();
                runs[run] = clock.Elapsed.TotalMilliseconds;
            }
            times.Add((Median(runs), network));
        }
        var slowest = times.OrderByDescending(time => time.Milliseconds).First();
        var largest = times.Where(time => time.Network.Steps == 200).OrderByDescending(time => time.Network.Width * time.Network.Layers).First();
        return string.Format(CultureInfo.InvariantCulture,
            "analyzer per network (estimate + rules): median {0:F3} ms; slowest {1:F3} ms ({2}); largest at 200 steps {3:F3} ms ({4})",
            Median(times.Select(time => time.Milliseconds)), slowest.Milliseconds, slowest.Network.Describe(), largest.Milliseconds, largest.Network.Describe());
    }

    [Fact]
    public void TheReplayedGatedBackwardIsTheNetworksOwn()
        // MeasureThroughTime replays an LSTM's and a GRU's backward pass from the workspace (the generated code keeps one
        // step's carries only); its pre-activation gradients summed over the steps must be the network's own ∇b_hh.
    {
        RnnNetwork[] networks = [new("ReplayLstm", Kind.Lstm, Init.Auto, 12, 8, 1, 2), new("ReplayGru", Kind.Gru, Init.Auto, 12, 8, 1, 2)];
        Assembly assembly = GeneratorHarness.CompileAndLoad(networks.Select(network => network.Source()).ToArray());
        foreach (RnnNetwork network in networks)
        {
            var net = (INetwork)Activator.CreateInstance(assembly.GetType(network.Name)!)!;
            var random = new SeededRandom(5);
            var inputs = new float[network.Steps * Features];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
            foreach (int layer in new[] { 1, 2 })
            {
                net.Forward(inputs, new float[1]);
                net.ZeroGradients();
                net.Backward([0.7f]);
                double[] replayed = GradientFlow.ReplayGatedBackward(net, layer, network.Steps, new double[network.Steps]);
                LayerInfo info = net.Layers[layer];
                ReadOnlySpan<float> own = net.Gradients.Slice(info.ParameterOffset + info.ParameterCount - replayed.Length, replayed.Length);
                for (int row = 0; row < replayed.Length; row++)
                    Assert.True(Math.Abs(replayed[row] - own[row]) <= 1e-4 * (1 + Math.Abs(own[row])), $"{network.Name} layer {layer} row {row}: {replayed[row]} vs {own[row]}");
            }
        }
    }

    private static Row Calibrate(RnnNetwork network, Assembly assembly, Compilation compilation)
    {
        var net = (INetwork)Activator.CreateInstance(assembly.GetType(network.Name)!)!;
        var random = new SeededRandom(network.Steps * 31 + network.Width);
        var inputs = new float[Samples * network.Steps * Features];
        var targets = new float[Samples];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextNormal();
        double measured = GradientFlow.MeasureThroughTime(net, 1, inputs, targets, Samples)[0];

        NetworkSpec spec = Parse(compilation, network.Name);
        LayerSpec layer = spec.Layers[1];
        Thresholds thresholds = Thresholds.Default;
        double logPredicted = RecurrentFlow.LogGradientOverSequence(spec, RecurrentFlow.Decays(spec), 1, network.Steps), predicted = Math.Exp(logPredicted);
        double threshold = network.Gated ? Math.Exp(GradientFlowRules.LogGatedThreshold(thresholds)) : thresholds.RecurrentGradient;
        bool predictedVerdict = network.Gated ? GradientFlowRules.IsShortGatedMemory(layer, logPredicted, thresholds) : GradientFlowRules.IsRecurrentVanishing(layer, logPredicted, thresholds);
        predicted = Math.Max(predicted, 1e-300);
        measured = Math.Max(measured, 1e-300);
        bool borderline = Math.Abs(Math.Log10(measured) - Math.Log10(threshold)) < 0.5;
        return new Row(network, predicted, measured, predictedVerdict, measured < threshold, borderline);
    }

    private static NetworkSpec Parse(Compilation compilation, string name)
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(name)!;
        return NetworkParser.Parse(type, type.GetAttributes().Single(a => a.AttributeClass?.Name == "NetworkAttribute"), default);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Table(List<Row> rows, Summary summary)
    {
        var table = new StringBuilder();
        table.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-7} {1,-12} {2,-10} {3,4} {4,4} {5,4} {6,2}  {7,9}  {8,9}  {9,6}   {10}",
            "network", "kind", "init", "T", "width", "bias", "L", "log10 pred", "log10 meas", "error", "verdict (predicted | measured)"));
        foreach (Row row in rows)
        {
            string rule = row.Network.Gated ? "NG0006" : "NG0004";
            string mark = row.Borderline ? "   borderline" : row.PredictedVerdict == row.MeasuredVerdict ? "" : "   <-- disagree";
            table.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-7} {1}  {2,9:F2}  {3,9:F2}  {4,6:F2}   {5} | {6}{7}",
                row.Network.Name, row.Network.Describe(), Math.Log10(row.Predicted), Math.Log10(row.Measured), row.Error,
                row.PredictedVerdict ? rule : "-", row.MeasuredVerdict ? rule : "-", mark));
        }
        table.AppendLine(summary.ToString());
        return table.ToString();
    }
}
