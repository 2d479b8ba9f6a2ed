using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetGen;
using NetGen.Numerics;

// He et al. (2015), "Deep residual learning for image recognition", section 4.1: a deeper plain network ends with a
// higher training error than a shallower one (the degradation problem: an optimisation difficulty, not overfitting),
// and identity shortcuts let the deeper network train at least as well. Three networks on the UCI digits
// (Networks.cs): plain with 20 weight layers, the same with shortcuts, plain with 8. For each: the analyzer's gradient
// ratio beside the measured one at initialisation, then the same SGD budget with the training and test error after
// every epoch, and a plot of both.
const int Seed = 1, MeasureSamples = 300, BatchSize = 32;
const float LearningRate = 0.01f, Momentum = 0.9f; // SGD with momentum, as in the paper (which had 0.1, with batch normalisation)
const double TrainFraction = 0.8;
const string PlotFileName = "training-error.svg";

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // ‖∇W‖, δ, ×

Options? options = Options.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

if (!SampleFiles.TryCreateOutputFolder(options.OutputDirectory, out string directory) || !SampleFiles.TryLoadDigits(out DigitsData all))
    return 1;
var clock = Stopwatch.StartNew();
var (rawTrain, rawTest) = all.Split(TrainFraction, Seed);
var (mean, deviation) = rawTrain.FeatureMoments(); // from the whole training set, applied to both
DigitsData train = rawTrain.Standardised(mean, deviation).First(options.Samples), test = rawTest.Standardised(mean, deviation);
int measured = Math.Min(MeasureSamples, train.Count); // the split is shuffled, so the first rows are a fair sample

Console.WriteLine($"UCI digits: 8 × 8 pixels, each standardised, as one input channel; {train.Count} train / {test.Count} test images.");
Console.WriteLine("Three networks of 3 × 3 convolutions with 16 channels and \"same\" padding, then a dense softmax layer (Networks.cs).");

Contender[] contenders =
[
    new(nameof(Plain20), "20 weight layers, plain", new Plain20(), Plain20.Summary, Plain20.PredictedGradientRatio, Plain20.PredictedDeltaGain, "#d62728"),
    new(nameof(Residual20), "20 weight layers, with shortcuts", new Residual20(), Residual20.Summary,
        Residual20.PredictedGradientRatio, Residual20.PredictedDeltaGain, "#2ca02c"),
    new(nameof(Plain8), "8 weight layers, plain", new Plain8(), Plain8.Summary, Plain8.PredictedGradientRatio, Plain8.PredictedDeltaGain, "#1f77b4"),
];
var reports = new GradientFlowReport[contenders.Length];
for (int n = 0; n < contenders.Length; n++)
{
    Contender c = contenders[n];
    Console.WriteLine();
    Console.WriteLine($"=== {n + 1}. {c.Name}: {c.Description} ===");
    Console.WriteLine(c.Summary);
    reports[n] = GradientFlow.Measure(c.Network, train.Pixels.AsSpan(0, measured * DigitsData.PixelCount),
        train.Targets.AsSpan(0, measured * DigitsData.ClassCount), measured);
    IReadOnlyList<LayerGradientFlow> layers = reports[n].Layers;
    Console.WriteLine($"  {$"At initialisation, on {measured} training images",-42} {"predicted",9} {"measured",9}");
    Console.WriteLine($"  {$"R = ‖∇W_{layers[0].Name}‖ / ‖∇W_{layers[^1].Name}‖",-42} {Figures.Format(c.PredictedRatio),9} {Figures.Format(reports[n].Ratio),9}");
    Console.WriteLine($"  {$"G = mean δ² of {layers[0].Name} / of {layers[^2].Name}",-42} {Figures.Format(c.PredictedDeltaGain),9} {Figures.Format(reports[n].DeltaGain),9}");
}

// Training: the same budget, optimizer settings and sample order for each network.
Console.WriteLine();
Console.WriteLine($"=== Training: SGD, lr {LearningRate}, momentum {Momentum}, batch {BatchSize}, {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")} each ===");
Console.WriteLine($"{"epoch",5}  " + string.Join("  ", contenders.Select(c => $"{c.Name,20}")));
Console.WriteLine($"{"",5}  " + string.Join("  ", contenders.Select(_ => $"{"train / test error",20}")));
var optimizers = contenders.Select(_ => new Sgd(LearningRate, Momentum)).ToArray();
var shuffles = contenders.Select(_ => new SeededRandom(Seed, stream: 1)).ToArray(); // stream 0 made the split
var orders = contenders.Select(_ => Enumerable.Range(0, train.Count).ToArray()).ToArray();
float[] batchInputs = new float[BatchSize * DigitsData.PixelCount], batchTargets = new float[BatchSize * DigitsData.ClassCount];
float[] trainOutputs = new float[train.Count * DigitsData.ClassCount], testOutputs = new float[test.Count * DigitsData.ClassCount];
double[][] trainError = contenders.Select(_ => new double[options.Epochs]).ToArray(), testError = contenders.Select(_ => new double[options.Epochs]).ToArray();
var trainingTime = new TimeSpan[contenders.Length];
for (int epoch = 0; epoch < options.Epochs; epoch++)
{
    var cells = new List<string>();
    for (int n = 0; n < contenders.Length; n++)
    {
        long start = Stopwatch.GetTimestamp();
        train.TrainEpoch(contenders[n].Network, optimizers[n], BatchSize, shuffles[n], orders[n], batchInputs, batchTargets);
        trainingTime[n] += Stopwatch.GetElapsedTime(start);
        trainError[n][epoch] = 1 - train.Accuracy(contenders[n].Network, trainOutputs);
        testError[n][epoch] = 1 - test.Accuracy(contenders[n].Network, testOutputs);
        cells.Add($"{$"{trainError[n][epoch],6:P1} / {testError[n][epoch],6:P1}",20}");
    }
    Console.WriteLine($"{epoch + 1,5}  " + string.Join("  ", cells));
}

Console.WriteLine();
Console.WriteLine($"After {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")} (errors on {train.Count} training and {test.Count} test images):");
Console.WriteLine($"  {"network",-11} {"R predicted",11} {"R measured",10} {"mean train err",14} {"train err",9} {"test err",8} {"s/epoch",7}");
for (int n = 0; n < contenders.Length; n++)
    Console.WriteLine($"  {contenders[n].Name,-11} {Figures.Format(contenders[n].PredictedRatio),11} {Figures.Format(reports[n].Ratio),10} {trainError[n].Average(),14:P2} {trainError[n][^1],9:P2} {testError[n][^1],8:P2} {trainingTime[n].TotalSeconds / options.Epochs,7:F2}");
Console.WriteLine("  (mean train err: the training error after each epoch, averaged over the epochs: how fast each one learns)");

// The claim, judged on the mean training error, which also counts how fast each network got there.
double deep = trainError[0].Average(), residual = trainError[1].Average(), shallow = trainError[2].Average();
Console.WriteLine();
Console.WriteLine(deep > residual && deep > shallow
    ? $"As He et al. report: the plain 20-layer network trains worse than the plain 8-layer one (mean training error {deep:P2} against {shallow:P2}), " +
      $"although it could match it by computing the identity in its extra layers; with shortcuts, the same depth trains better ({residual:P2})."
    : $"Not reproduced in this run: mean training error {deep:P2} for Plain20, {residual:P2} for Residual20, {shallow:P2} for Plain8.");

string svg = SvgPlot.Render($"Training error per epoch ({train.Count} digits; SGD, the same budget)", "epoch", "error (%)", [],
    [
        .. contenders.Select((c, n) => new PlotSeries($"{c.Name}: {c.Description}", c.Color, trainError[n].Select(e => 100 * e).ToArray(), Dashed: false)),
        .. contenders.Select((c, n) => new PlotSeries(null, c.Color, testError[n].Select(e => 100 * e).ToArray(), Dashed: true)),
        new PlotSeries("training error", "#444", [], Dashed: false),
        new PlotSeries("test error", "#444", [], Dashed: true),
    ]);
string plotPath = Path.Combine(directory, PlotFileName);
try
{
    File.WriteAllText(plotPath, svg, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot write the plot to {plotPath}: {e.Message}");
    return 1;
}
Console.WriteLine();
Console.WriteLine($"Plot of the errors: {plotPath}");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;

/// <summary>One of the compared networks, with what the analyzer predicted for it at compile time.</summary>
internal sealed record Contender(string Name, string Description, INetwork Network, string Summary,
    double PredictedRatio, double PredictedDeltaGain, string Color);
