using System.Collections.Generic;

/// <summary>The command line: <c>[--epochs N] [--samples N] [--output DIR] [--help]</c>.</summary>
public sealed record Options(int Epochs, int Samples, string OutputDirectory, bool ShowHelp)
{
    public const int DefaultEpochs = 10, MaxEpochs = 1000;
    public const string DefaultOutputDirectory = "resnet-claim-output";

    public static string Usage =>
        "usage: ResNetClaim [--epochs N] [--samples N] [--output DIR]\n" +
        $"  --epochs N    SGD epochs per network, a whole number in 1..{MaxEpochs} (default {DefaultEpochs})\n" +
        "  --samples N   train on the first N training images only, N >= 1 (default all of them)\n" +
        $"  --output DIR  folder for the plot, created if missing (default ./{DefaultOutputDirectory}/)\n" +
        "  -h, --help    show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        if (!CommandLine.TryParse(args, ["--epochs", "--samples", "--output"], out IReadOnlyDictionary<string, string> values, out bool help, out error)
            || !CommandLine.TryGetWholeNumber(values, "--epochs", 1, MaxEpochs, DefaultEpochs, out int epochs, out error)
            || !CommandLine.TryGetWholeNumber(values, "--samples", 1, int.MaxValue, int.MaxValue, out int samples, out error))
            return null;
        string output = values.GetValueOrDefault("--output", DefaultOutputDirectory);
        if (string.IsNullOrWhiteSpace(output))
        {
            error = "--output needs a folder name, got an empty one.";
            return null;
        }
        return new Options(epochs, samples, output, help);
    }
}
