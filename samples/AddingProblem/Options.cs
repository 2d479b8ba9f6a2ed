using System;
using System.Globalization;

/// <summary>The command line: <c>[--steps T] [--sequences N] [--rnn-sequences N] [--seed S] [--help]</c>.</summary>
public sealed record Options(int Steps, int Sequences, int RnnSequences, int Seed, bool ShowHelp)
{
    public const int DefaultSequences = 100_000, DefaultRnnSequences = 100_000, DefaultSeed = 1;
    public const int MaxSequences = 10_000_000;

    public static string Usage =>
        "usage: AddingProblem [--steps T] [--sequences N] [--rnn-sequences N] [--seed S]\n" +
        $"  --steps T           minimal sequence length T, a whole number in {AddingTask.SmallestMinLength}..{AddingTask.LargestMinLength} (default {AddingTask.DefaultMinLength});\n" +
        "                      sequences are T to T + T/10 steps long\n" +
        $"  --sequences N       training budget of the LSTM in sequences, 1..{MaxSequences} (default {DefaultSequences});\n" +
        "                      training stops earlier once a check on fresh sequences finds under 1 % wrong\n" +
        $"  --rnn-sequences N   cap on the simple RNN's budget, 1..{MaxSequences} (default {DefaultRnnSequences});\n" +
        "                      the RNN trains on min(N, the LSTM's budget) sequences\n" +
        $"  --seed S            seed of the weights and of every sequence, a whole number >= 0 (default {DefaultSeed})\n" +
        "  -h, --help          show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        int? steps = null, sequences = null, rnnSequences = null, seed = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                error = null;
                return new Options(AddingTask.DefaultMinLength, DefaultSequences, DefaultRnnSequences, DefaultSeed, ShowHelp: true);
            }

            // Both "--steps 50" and "--steps=50".
            string name = arg, value;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (IsKnown(name))
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
                case "--steps" when steps is not null:
                case "--sequences" when sequences is not null:
                case "--rnn-sequences" when rnnSequences is not null:
                case "--seed" when seed is not null:
                    error = $"{name} is given more than once.";
                    return null;
                case "--steps":
                    if (!TryRead(name, value, AddingTask.SmallestMinLength, AddingTask.LargestMinLength, out steps, out error)) return null;
                    break;
                case "--sequences":
                    if (!TryRead(name, value, 1, MaxSequences, out sequences, out error)) return null;
                    break;
                case "--rnn-sequences":
                    if (!TryRead(name, value, 1, MaxSequences, out rnnSequences, out error)) return null;
                    break;
                case "--seed":
                    if (!TryRead(name, value, 0, int.MaxValue, out seed, out error)) return null;
                    break;
                default:
                    error = $"unknown argument '{arg}'.";
                    return null;
            }
        }
        error = null;
        return new Options(steps ?? AddingTask.DefaultMinLength, sequences ?? DefaultSequences,
            rnnSequences ?? DefaultRnnSequences, seed ?? DefaultSeed, ShowHelp: false);
    }

    private static bool IsKnown(string name) => name is "--steps" or "--sequences" or "--rnn-sequences" or "--seed";

    /// <summary>A whole number in [min, max], digits only.</summary>
    private static bool TryRead(string name, string value, int min, int max, out int? result, out string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max)
        {
            result = n;
            error = null;
            return true;
        }
        result = null;
        error = max == int.MaxValue
            ? $"{name} needs a whole number >= {min}, got '{value}'."
            : $"{name} needs a whole number in {min}..{max}, got '{value}'.";
        return false;
    }
}
