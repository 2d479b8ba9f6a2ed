using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Numerics;

// Handwritten digits (UCI, 8x8 images): a 64-128-10 network trained with Adam on minibatches.
// Exits 1 when the test accuracy is below RequiredAccuracy, so the run doubles as a smoke check; 2 on bad arguments.
const int DefaultEpochs = 20, BatchSize = 32, Seed = 1;
const float LearningRate = 2e-3f;
const double TrainFraction = 0.8, RequiredAccuracy = 0.95;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
string usage = $"usage: Digits [--epochs N]   (N a whole number >= 1, default {DefaultEpochs})";

if (!CommandLine.TryParse(args, ["--epochs"], out var values, out bool help, out string? error)
    || !CommandLine.TryGetWholeNumber(values, "--epochs", 1, int.MaxValue, DefaultEpochs, out int epochs, out error))
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(usage);
    return 2;
}
if (help)
{
    Console.WriteLine(usage);
    return 0;
}

DigitsData all;
string dataPath = Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");
try
{
    all = DigitsData.Load(dataPath);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot read the data set: {e.Message}");
    return 1;
}
var (train, test) = all.Split(TrainFraction, Seed);

Console.WriteLine(DigitsNet.Summary);
Console.WriteLine();
Console.WriteLine($"{all.Count} samples: {train.Count} train, {test.Count} test; Adam lr {LearningRate}, batch {BatchSize}, {epochs} epochs");
Console.WriteLine();
Console.WriteLine("epoch  train loss  train acc  test acc  elapsed");

var net = new DigitsNet();
var optimizer = new Adam(LearningRate);
var shuffle = new SeededRandom(Seed, stream: 1); // stream 0 made the split: keep the two independent
int[] order = new int[train.Count];
for (int i = 0; i < order.Length; i++) order[i] = i;
// Every buffer is allocated here, once: the loop below only copies into them.
float[] batchPixels = new float[BatchSize * DigitsNet.InputSize];
float[] batchTargets = new float[BatchSize * DigitsNet.OutputSize];
float[] trainOutputs = new float[train.Count * DigitsNet.OutputSize];
float[] testOutputs = new float[test.Count * DigitsNet.OutputSize];

double testAccuracy = 0;
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    double trainLoss = train.TrainEpoch(net, optimizer, BatchSize, shuffle, order, batchPixels, batchTargets);
    double trainAccuracy = train.Accuracy(net, trainOutputs);
    testAccuracy = test.Accuracy(net, testOutputs);
    Console.WriteLine($"{epoch,5}  {trainLoss,10:F4}  {trainAccuracy,9:P2}  {testAccuracy,8:P2}  {clock.Elapsed.TotalSeconds,6:F2} s");
}

bool passed = testAccuracy >= RequiredAccuracy;
Console.WriteLine();
Console.WriteLine($"final test accuracy: {testAccuracy:P2} ({(passed ? "ok" : "FAILED")}: required {RequiredAccuracy:P0})");
return passed ? 0 : 1;
