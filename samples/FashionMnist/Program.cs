using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Text;
using NetGen;

// Fashion-MNIST: a small CNN, the same CNN with batch normalisation and dropout, and a multilayer perceptron, all trained
// by Trainer with one recipe (optimizer, batch size, schedule, epochs: Recipe.cs) on the same images. For each: the
// generated Summary, the analyzer's gradient ratio R beside the measured one, training with a progress bar, then test
// accuracy, time per epoch and accuracy per class.
// Exits 2 on bad arguments or when the data set is not installed, 1 when it cannot be read.
const int ShuffleSeed = 1, MeasureSamples = 256;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // ‖∇W‖, ×

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

string[]? paths = FashionMnistData.Find(options.DataDirectory, out var missing);
if (paths is null)
{
    Console.Error.WriteLine($"error: Fashion-MNIST is not in {options.DataDirectory} (missing {string.Join(", ", missing)}).");
    Console.Error.WriteLine($"Install it (Debian, Ubuntu):  {FashionMnistData.InstallCommand}");
    Console.Error.WriteLine("or pass --data DIR, a folder holding the four IDX files of the original release.");
    return 2;
}
Dataset train, test;
var clock = Stopwatch.StartNew();
try
{
    (train, test) = FashionMnistData.Load(paths, options.TrainImages, options.TestImages);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot read Fashion-MNIST from {options.DataDirectory}: {e.Message}");
    return 1;
}

Console.WriteLine($"Fashion-MNIST from {options.DataDirectory}: {train.Count:N0} training and {test.Count:N0} test images of 28 × 28 pixels in [0, 1] (read in {clock.Elapsed.TotalSeconds:F1} s).");
Recipe recipe = options.Recipe;
Console.WriteLine($"Each network, recipe '{recipe.Name}': {recipe.Description}, {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")}, the same shuffling.");
Console.WriteLine("The test set is scored after every epoch to show progress only: nothing is chosen by it (fixed epochs, no early stopping).");

Contender[] contenders =
[
    new("CNN", "conv 3×3 ×16, max pool 2, conv 3×3 ×32, max pool 2, dense 128, softmax", new FashionCnn(), FashionCnn.Summary,
        FashionCnn.PredictedGradientRatio, "small CNNs 90–92 %"),
    new("CNN+BN", "the CNN with batch norm before each ReLU of the convolutions, dropout 0.5 before the classifier", new FashionBatchNormCnn(),
        FashionBatchNormCnn.Summary, FashionBatchNormCnn.PredictedGradientRatio, "conv + batch norm ≈ 93 %"),
    new("MLP", "784-128-10: dense 128, softmax", new FashionMlp(), FashionMlp.Summary, FashionMlp.PredictedGradientRatio, "MLPs 87–88 %"),
];
var results = new TrainingResult[contenders.Length];
var processorTime = new TimeSpan[contenders.Length]; // beside the wall time, which other processes on the machine stretch
for (int n = 0; n < contenders.Length; n++)
{
    Contender c = contenders[n];
    Console.WriteLine();
    Console.WriteLine($"=== {c.Name}: {c.Description} ===");
    Console.WriteLine(c.Summary);
    int measured = Math.Min(MeasureSamples, train.Count);
    GradientFlowReport flow = GradientFlow.Measure(c.Network, train.Inputs[..(measured * train.InputSize)], train.Targets[..(measured * train.TargetSize)], measured);
    Console.WriteLine($"Gradient ratio R = ‖∇W_{flow.Layers[0].Name}‖ / ‖∇W_{flow.Layers[^1].Name}‖ at initialisation: predicted {Figures.Format(c.PredictedRatio)} (analyzer), measured {Figures.Format(flow.Ratio)} on {measured} training images.");
    Console.WriteLine();

    var progress = new ProgressBar(options.Epochs);
    var trainer = new Trainer(c.Network, recipe.CreateOptimizer())
    {
        Epochs = options.Epochs, BatchSize = recipe.BatchSize, Seed = ShuffleSeed, Progress = progress,
        LearningRateSchedule = recipe.Schedule(options.Epochs),
    };
    TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
    results[n] = trainer.Train(train, test);
    processorTime[n] = Process.GetCurrentProcess().TotalProcessorTime - before;
    progress.Finish();
}

Console.WriteLine();
Console.WriteLine($"Results of recipe '{recipe.Name}' after {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")} ({train.Count:N0} training images, {test.Count:N0} test images):");
Console.WriteLine($"  {"network",-8} {"parameters",10} {"s/epoch",8} {"CPU s/epoch",11} {"train loss",10} {"test loss",9} {"test acc",8}");
for (int n = 0; n < contenders.Length; n++)
{
    EpochReport last = results[n].Last;
    int epochs = results[n].Epochs;
    Console.WriteLine($"  {contenders[n].Name,-8} {contenders[n].Network.ParameterCount,10:N0} {results[n].Elapsed.TotalSeconds / epochs,8:F1} {processorTime[n].TotalSeconds / epochs,11:F1} {last.TrainLoss,10:F4} {last.ValidationLoss,9:F4} {last.ValidationAccuracy,8:P2}");
}
Console.WriteLine("  (per epoch, the test pass included: s = wall time, CPU s = processor time of this process, on every core)");

// Where the convolutions help: accuracy per class on the test set.
Console.WriteLine();
Console.WriteLine("Test accuracy per class:");
double[][] perClass = contenders.Select(c => ClassAccuracy(c.Network, test)).ToArray();
Console.WriteLine($"  {"class",-12} " + string.Join(" ", contenders.Select(c => $"{c.Name,7}")));
for (int k = 0; k < FashionMnistData.ClassNames.Length; k++)
    Console.WriteLine($"  {FashionMnistData.ClassNames[k],-12} " + string.Join(" ", perClass.Select(a => $"{a[k],7:P1}")));

Console.WriteLine();
for (int n = 0; n < contenders.Length; n++)
    Console.WriteLine($"{contenders[n].Name}: {results[n].Last.ValidationAccuracy:P2} on the test set after {results[n].Elapsed.TotalSeconds:F0} s of training (published baselines: {contenders[n].Published}).");
Console.WriteLine($"Total wall time {clock.Elapsed.TotalSeconds:F0} s.");
return 0;

// Fraction of each class's test images whose most probable class is the right one.
static double[] ClassAccuracy(INetwork network, Dataset data)
{
    int classes = data.TargetSize;
    var correct = new int[classes];
    var count = new int[classes];
    var output = new float[classes];
    for (int i = 0; i < data.Count; i++)
    {
        network.Forward(data.Input(i), output);
        int label = TensorPrimitives.IndexOfMax(data.Target(i)), guess = TensorPrimitives.IndexOfMax<float>(output);
        count[label]++;
        if (guess == label) correct[label]++;
    }
    return correct.Select((c, k) => count[k] == 0 ? double.NaN : (double)c / count[k]).ToArray();
}

/// <summary>One of the compared networks, with what the analyzer predicted for it at compile time and the published test accuracy of its kind.</summary>
internal sealed record Contender(string Name, string Description, INetwork Network, string Summary, double PredictedRatio, string Published);
