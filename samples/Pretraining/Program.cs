using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;

// Layer-wise pre-training on the UCI digits: (a) RBM features for a softmax classifier, (b) a deep sigmoid network
// from random initialisation vs pre-trained, (c) digits sampled from a deep belief net. Exits 1 when (a) falls short of
// scikit-learn's 0.94, so the run doubles as a smoke check; 2 on bad arguments.
const string DefaultOutput = "pretraining-output";
string[] experiments = ["features", "deep", "dream", "all"];
string usage = $"usage: Pretraining [{string.Join('|', experiments)}] [--output DIR]\n" +
    "  features  (a) RBM features into a softmax classifier, against raw pixels\n" +
    "  deep      (b) 5 sigmoid hidden layers: random init vs RBM and autoencoder pre-training\n" +
    "  dream     (c) a PNG grid of digits sampled from a deep belief net\n" +
    "  all       all three (the default)\n" +
    $"  --output DIR  folder for the PNG, created if missing (default ./{DefaultOutput}/)";

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the same output on every machine
string experiment = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "all";
string[] options = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
if (!experiments.Contains(experiment))
{
    Console.Error.WriteLine($"error: unknown experiment '{experiment}'.");
    Console.Error.WriteLine(usage);
    return 2;
}
if (!CommandLine.TryParse(options, ["--output"], out var values, out bool help, out string? error))
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
string output = values.TryGetValue("--output", out string? folder) ? folder : DefaultOutput;
if (string.IsNullOrWhiteSpace(output))
{
    Console.Error.WriteLine("error: --output needs a folder name, got an empty one.");
    return 2;
}

Dataset digits;
try
{
    digits = Digits.ToDataset(DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz")));
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot read the data set: {e.Message}");
    return 1;
}

bool passed = experiment is not ("features" or "all") || FeatureExperiment.Run(digits) >= FeatureExperiment.RequiredAccuracy;
if (experiment is "deep" or "all") DeepNetExperiment.Run(digits);
if (experiment is "dream" or "all") DreamExperiment.Run(digits, output);
return passed ? 0 : 1;
