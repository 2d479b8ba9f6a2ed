using System.Collections.Generic;

/// <summary>The command line: <c>[--data DIR] [--epochs N] [--train-images N] [--test-images N] [--help]</c>.</summary>
public sealed record Options(string DataDirectory, int Epochs, int TrainImages, int TestImages, bool ShowHelp)
{
    public const string DefaultDataDirectory = "/usr/share/datasets/fashion-mnist";
    public const int DefaultEpochs = 5, MaxEpochs = 1000;
    public const int TrainCount = 60_000, TestCount = 10_000;

    public static string Usage =>
        "usage: FashionMnist [--data DIR] [--epochs N] [--train-images N] [--test-images N]\n" +
        $"  --data DIR          folder holding the four IDX files (default {DefaultDataDirectory})\n" +
        $"  --epochs N          epochs for each network, 1..{MaxEpochs} (default {DefaultEpochs})\n" +
        $"  --train-images N    train on the first N training images, 1..{TrainCount} (default all)\n" +
        $"  --test-images N     test on the first N test images, 1..{TestCount} (default all)\n" +
        "  -h, --help          show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        if (!CommandLine.TryParse(args, ["--data", "--epochs", "--train-images", "--test-images"],
                out IReadOnlyDictionary<string, string> values, out bool help, out error)
            || !CommandLine.TryGetWholeNumber(values, "--epochs", 1, MaxEpochs, DefaultEpochs, out int epochs, out error)
            || !CommandLine.TryGetWholeNumber(values, "--train-images", 1, TrainCount, TrainCount, out int train, out error)
            || !CommandLine.TryGetWholeNumber(values, "--test-images", 1, TestCount, TestCount, out int test, out error))
            return null;
        string data = values.GetValueOrDefault("--data", DefaultDataDirectory);
        if (string.IsNullOrWhiteSpace(data))
        {
            error = "--data needs a folder name, got an empty one.";
            return null;
        }
        return new Options(data, epochs, train, test, help);
    }
}
