using System;
using System.Globalization;

/// <summary>The command line: <c>[--epochs N] [--output DIR] [--help]</c>.</summary>
public sealed record Options(int Epochs, string OutputDirectory, bool ShowHelp)
{
    public const int DefaultEpochs = 20, MaxEpochs = 1000;
    public const string DefaultOutputDirectory = "gradient-flow-output";

    public static string Usage =>
        "usage: GradientFlow [--epochs N] [--output DIR]\n" +
        $"  --epochs N    SGD epochs per network, a whole number in 1..{MaxEpochs} (default {DefaultEpochs})\n" +
        $"  --output DIR  folder for the plot, created if missing (default ./{DefaultOutputDirectory}/)\n" +
        "  -h, --help    show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        int? epochs = null;
        string? output = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                error = null;
                return new Options(DefaultEpochs, DefaultOutputDirectory, ShowHelp: true);
            }

            // Both "--epochs 5" and "--epochs=5".
            string name = arg, value;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (name is "--epochs" or "--output")
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{name} needs a value.";
                    return null;
                }
                value = args[++i];
                if (value.StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{name} needs a value, got the option '{value}'.";
                    return null;
                }
            }
            else
            {
                error = $"unknown argument '{arg}'.";
                return null;
            }

            switch (name)
            {
                case "--epochs" when epochs is not null:
                case "--output" when output is not null:
                    error = $"{name} is given more than once.";
                    return null;
                case "--epochs":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > MaxEpochs)
                    {
                        error = $"--epochs needs a whole number in 1..{MaxEpochs}, got '{value}'.";
                        return null;
                    }
                    epochs = n;
                    break;
                case "--output":
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        error = "--output needs a folder name, got an empty one.";
                        return null;
                    }
                    output = value;
                    break;
                default:
                    error = $"unknown argument '{arg}'.";
                    return null;
            }
        }
        error = null;
        return new Options(epochs ?? DefaultEpochs, output ?? DefaultOutputDirectory, ShowHelp: false);
    }
}
