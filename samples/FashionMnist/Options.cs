using System.Collections.Generic;
using System.Linq;

/// <summary>The command line: <c>[--data DIR] [--recipe NAME] [--epochs N] [--train-images N] [--test-images N] [--help]</c>.</summary>
public sealed record Options(string DataDirectory, Recipe Recipe, int Epochs, int TrainImages, int TestImages, bool ShowHelp)
{
    public const string DefaultDataDirectory = "/usr/share/datasets/fashion-mnist";
    public const int MaxEpochs = 1000;
    public const int TrainCount = 60_000, TestCount = 10_000;

    public static string Usage =>
        "usage: FashionMnist [--data DIR] [--recipe NAME] [--epochs N] [--train-images N] [--test-images N]\n" +
        $"  --data DIR          folder holding the four IDX files (default {DefaultDataDirectory})\n" +
        $"  --recipe NAME       how every network is trained (default {Recipe.Adam.Name}):\n" +
        string.Concat(Recipe.All.Select(r => $"                        {r.Name}: {r.Description}, {r.DefaultEpochs} epochs\n")) +
        $"  --epochs N          epochs for each network, 1..{MaxEpochs} (default: the recipe's)\n" +
        $"  --train-images N    train on the first N training images, 1..{TrainCount} (default all)\n" +
        $"  --test-images N     test on the first N test images, 1..{TestCount} (default all)\n" +
        "  -h, --help          show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        if (!CommandLine.TryParse(args, ["--data", "--recipe", "--epochs", "--train-images", "--test-images"],
                out IReadOnlyDictionary<string, string> values, out bool help, out error))
            return null;
        string name = values.GetValueOrDefault("--recipe", Recipe.Adam.Name);
        Recipe? recipe = Recipe.Find(name);
        if (recipe is null)
        {
            error = $"--recipe needs one of {string.Join(", ", Recipe.All.Select(r => r.Name))}, got '{name}'.";
            return null;
        }
        if (!CommandLine.TryGetWholeNumber(values, "--epochs", 1, MaxEpochs, recipe.DefaultEpochs, out int epochs, out error)
            || !CommandLine.TryGetWholeNumber(values, "--train-images", 1, TrainCount, TrainCount, out int train, out error)
            || !CommandLine.TryGetWholeNumber(values, "--test-images", 1, TestCount, TestCount, out int test, out error))
            return null;
        string data = values.GetValueOrDefault("--data", DefaultDataDirectory);
        if (string.IsNullOrWhiteSpace(data))
        {
            error = "--data needs a folder name, got an empty one.";
            return null;
        }
        return new Options(data, recipe, epochs, train, test, help);
    }
}
