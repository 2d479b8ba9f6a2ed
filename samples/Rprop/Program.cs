using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using NetGen;

// Rprop (Riedmiller & Braun 1993, as iRprop−) against SGD on XOR and 8-bit parity: how many epochs until every
// pattern is classified right, for several seeds (each seed its own initial weights). Rprop takes one step per
// epoch on the whole set; SGD is online, one step per pattern: an epoch computes the same gradients for both.
// The SGD rate is the best of a grid, chosen per task on these same seeds (which flatters it). Exits 1 when
// Rprop solves no run of a task (single runs may fail: 2-2-1 XOR has plateaus where a hidden unit saturates),
// so the run doubles as a smoke check; 2 on bad arguments.
const int DefaultSeeds = 10, DefaultMaxEpochs = 2000;
float[] sgdRates = [0.01f, 0.03f, 0.1f, 0.3f, 1f];

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
Console.OutputEncoding = Encoding.UTF8; // η, Δ
string usage = $"usage: Rprop [--seeds N] [--max-epochs N]   (defaults {DefaultSeeds} seeds, at most {DefaultMaxEpochs} epochs a run)";
if (!CommandLine.TryParse(args, ["--seeds", "--max-epochs"], out var values, out bool help, out string? error)
    || !CommandLine.TryGetWholeNumber(values, "--seeds", 1, 1000, DefaultSeeds, out int seeds, out error)
    || !CommandLine.TryGetWholeNumber(values, "--max-epochs", 1, 1_000_000, DefaultMaxEpochs, out int maxEpochs, out error))
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

var tasks = new (string Name, Dataset Data, Func<int, INetwork> Create)[]
{
    ("XOR, 2-2-1", Patterns.Xor(), seed => new XorNet(seed)),
    ("XOR, 2-4-1", Patterns.Xor(), seed => new WideXorNet(seed)),
    ("8-bit parity, 8-16-1", Patterns.Parity(8), seed => new ParityNet(seed)),
};
Console.WriteLine($"Epochs until 100 % of the patterns are right (output on the target's side of 0.5); {seeds} seeds, at most {maxEpochs} epochs.");
Console.WriteLine("Rprop with its defaults (η+ 1.2, η− 0.5, Δ₀ 0.1, Δ in [1e-6, 50]), one step an epoch on the whole set;");
Console.WriteLine($"SGD online (one step a pattern, shuffled), rates {string.Join(", ", sgdRates)}. Loss: binary cross-entropy on a sigmoid output.");

Console.WriteLine();
Console.WriteLine("One run, shown as it goes: Rprop on 8-bit parity, seed 1");
var progress = new ProgressBar(maxEpochs);
var demo = new Trainer(new ParityNet(1), new Rprop()) { Epochs = maxEpochs, Progress = progress, StopWhen = Solved };
TrainingResult demoResult = demo.Train(tasks[^1].Data, tasks[^1].Data);
progress.Finish();
Console.WriteLine($"stopped after {demoResult.Epochs} epochs: {demoResult.StopReason}");

bool rpropSolvedEachTask = true;
var clock = Stopwatch.StartNew();
foreach (var (name, data, create) in tasks)
{
    Console.WriteLine();
    Console.WriteLine($"=== {name}: {data.Count} patterns ===");
    Console.WriteLine($"{"optimizer",-16} {"solved",7} {"median",8} {"min",6} {"max",6}   epochs per seed ('-': not solved)");
    int?[] rprop = RunSeeds(create, data, () => new Rprop(), null);
    Print("Rprop", rprop);
    rpropSolvedEachTask &= rprop.Any(epochs => epochs is not null);

    (float Rate, int?[] Epochs)? best = null;
    foreach (float rate in sgdRates)
    {
        int?[] epochs = RunSeeds(create, data, () => new Sgd(rate), 1);
        Print($"SGD lr {rate}", epochs);
        if (best is null || Rank(epochs).CompareTo(Rank(best.Value.Epochs)) < 0) best = (rate, epochs);
    }
    Console.WriteLine($"best SGD rate: {best!.Value.Rate}; median epochs Rprop {Format(Median(rprop))} vs SGD {Format(Median(best.Value.Epochs))}");
}
Console.WriteLine();
Console.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s");
return rpropSolvedEachTask ? 0 : 1;

// Epochs to a perfect score for each seed, or null when the run hit the epoch limit first.
int?[] RunSeeds(Func<int, INetwork> create, Dataset data, Func<IOptimizer> optimizer, int? batchSize)
{
    var epochs = new int?[seeds];
    for (int seed = 1; seed <= seeds; seed++)
    {
        var trainer = batchSize is int size
            ? new Trainer(create(seed), optimizer()) { Epochs = maxEpochs, BatchSize = size, StopWhen = Solved }
            : new Trainer(create(seed), optimizer()) { Epochs = maxEpochs, StopWhen = Solved };
        TrainingResult result = trainer.Train(data, data);
        epochs[seed - 1] = result.StopReason == StopReason.StopCondition ? result.Epochs : null;
    }
    return epochs;
}

static bool Solved(EpochReport report) => report.ValidationAccuracy == 1.0;

// The median with unsolved runs counted as endless: null when half the runs or more failed.
static double? Median(int?[] epochs)
{
    double[] sorted = epochs.Select(e => e ?? double.PositiveInfinity).Order().ToArray();
    double middle = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    return double.IsFinite(middle) ? middle : null;
}

// Lower is better: the median first, then more runs solved.
static (double, int) Rank(int?[] epochs) => (Median(epochs) ?? double.PositiveInfinity, -epochs.Count(e => e is not null));

static string Format(double? value) => value is double v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "unsolved";

static void Print(string name, int?[] epochs)
{
    int[] solved = epochs.OfType<int>().ToArray();
    string min = solved.Length > 0 ? solved.Min().ToString(CultureInfo.InvariantCulture) : "-";
    string max = solved.Length > 0 ? solved.Max().ToString(CultureInfo.InvariantCulture) : "-";
    Console.WriteLine($"{name,-16} {solved.Length,3}/{epochs.Length,-3} {Format(Median(epochs)),8} {min,6} {max,6}   {string.Join(" ", epochs.Select(e => e?.ToString(CultureInfo.InvariantCulture) ?? "-"))}");
}
