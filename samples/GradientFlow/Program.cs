using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetGen;
using NetGen.Numerics;

// Vanishing gradients, predicted at compile time and then seen at run time: the same 10-layer digits classifier
// declared four ways (Networks.cs). For each: the analyzer's prediction beside GradientFlow.Measure at
// initialisation, then the same SGD budget and the test accuracy; then the gradient that batch normalisation makes
// explode in a deep stack without skip connections (DeepBatchNormNetworks.cs); finally plots of ‖∇W_l‖ per layer.
const int Seed = 1, MeasureSamples = 300, BatchSize = 32;
const float LearningRate = 0.1f;
const double TrainFraction = 0.8;
const string PlotFileName = "gradient-norms.svg", DeepPlotFileName = "gradient-norms-deep-batchnorm.svg";

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // ‖∇W‖ and δ in the tables

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
var (mean, deviation) = rawTrain.FeatureMoments(); // from the training set only, applied to both
DigitsData train = rawTrain.Standardised(mean, deviation), test = rawTest.Standardised(mean, deviation);
int measured = Math.Min(MeasureSamples, train.Count); // the split is shuffled, so the first rows are a fair sample

Console.WriteLine($"UCI digits: {all.Count} images of 8x8 pixels, {train.Count} train / {test.Count} test, every pixel standardised.");
Console.WriteLine("The same network four ways: 64 inputs, 8 hidden Dense(64) layers, Dense(10) softmax, cross-entropy.");

Contender[] contenders = Contender.CreateAll();
var reports = new GradientFlowReport[contenders.Length];
for (int n = 0; n < contenders.Length; n++)
{
    Contender c = contenders[n];
    Console.WriteLine();
    Console.WriteLine($"=== {n + 1}. {c.Name}: {c.Description} ===");
    Console.WriteLine(c.Summary);
    Console.WriteLine();
    reports[n] = MeasureAtInitialisation(c.Network);
    GradientFlowTable.Write(Console.Out, c, reports[n]);
}

// Training: the same budget, optimizer and sample order for each network.
Console.WriteLine();
Console.WriteLine($"=== Training: plain SGD, lr {LearningRate}, batch {BatchSize}, {options.Epochs} epochs each ===");
Console.WriteLine($"{"epoch",5}  " + string.Join("  ", contenders.Select(c => $"{c.Name,22}")));
Console.WriteLine($"{"",5}  " + string.Join("  ", contenders.Select(_ => $"{"loss / test acc",22}")));
var optimizers = contenders.Select(_ => new Sgd(LearningRate)).ToArray();
var shuffles = contenders.Select(_ => new SeededRandom(Seed, stream: 1)).ToArray(); // stream 0 made the split
var orders = contenders.Select(_ => Enumerable.Range(0, train.Count).ToArray()).ToArray();
float[] batchInputs = new float[BatchSize * DigitsData.PixelCount], batchTargets = new float[BatchSize * DigitsData.ClassCount];
float[] testOutputs = new float[test.Count * DigitsData.ClassCount];
var accuracy = new double[contenders.Length];
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    var cells = new List<string>();
    for (int n = 0; n < contenders.Length; n++)
    {
        double loss = train.TrainEpoch(contenders[n].Network, optimizers[n], BatchSize, shuffles[n], orders[n], batchInputs, batchTargets);
        accuracy[n] = test.Accuracy(contenders[n].Network, testOutputs);
        cells.Add($"{$"{loss:F3} / {accuracy[n],6:P1}",22}");
    }
    if (epoch == 1 || epoch % 5 == 0 || epoch == options.Epochs)
        Console.WriteLine($"{epoch,5}  " + string.Join("  ", cells));
}

Console.WriteLine();
Console.WriteLine($"Test accuracy after {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")} ({test.Count} test images; guessing scores about 10 %):");
for (int n = 0; n < contenders.Length; n++)
{
    Contender c = contenders[n];
    string verdict = accuracy[n] < 0.3 ? "not learning: no better than guessing" : accuracy[n] < 0.9 ? "still learning" : "trained";
    Console.WriteLine($"  {c.Name,-20} {accuracy[n],7:P1}   R predicted {Figures.Format(c.PredictedRatio),-8} measured {Figures.Format(reports[n].Ratio),-8}  {verdict}");
}

// Batch normalisation without skip connections: measured at initialisation only, no training.
Contender[] deep = Contender.CreateDeepBatchNorm();
int deepBlocks = (deep[0].Network.Layers.Count - 2) / 2; // input, then Dense + BatchNorm per block, then the classifier
var deepReports = deep.Select(c => MeasureAtInitialisation(c.Network)).ToArray();
Console.WriteLine();
Console.WriteLine($"=== Batch normalisation without skip connections: {deepBlocks} blocks of Dense(64) → BatchNorm → ReLU, then Dense(10) softmax ===");
Console.WriteLine($"At initialisation, on {measured} standardised training samples; {deep[0].Name} against {deep[1].Name}, the same blocks each added to the next:");
GradientFlowTable.WriteSideBySide(Console.Out, deep, deepReports,
    [.. new[] { 1, 5, 10, 15, 20, 25, deepBlocks }.Select(block => $"H{block}"), "Classes"]);

foreach (var (fileName, svg) in new[]
{
    (PlotFileName, GradientNormPlot.Render("10-layer classifier", contenders, reports)),
    (DeepPlotFileName, GradientNormPlot.Render($"{deepBlocks} batch-normalised ReLU blocks", deep, deepReports)),
})
{
    string plotPath = Path.Combine(directory, fileName);
    try
    {
        File.WriteAllText(plotPath, svg, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: cannot write the plot to {plotPath}: {e.Message}");
        return 1;
    }
}
Console.WriteLine();
Console.WriteLine($"Plots of the gradient norms: {Path.Combine(directory, PlotFileName)}, {Path.Combine(directory, DeepPlotFileName)}");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;

// GradientFlow.Measure on the first training samples, the same ones for every network.
GradientFlowReport MeasureAtInitialisation(INetwork network) => GradientFlow.Measure(network,
    train.Pixels.AsSpan(0, measured * DigitsData.PixelCount), train.Targets.AsSpan(0, measured * DigitsData.ClassCount), measured);
