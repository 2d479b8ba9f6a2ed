using System.Collections.Generic;

/// <summary>The command line: <c>[--steps T] [--sequences N] [--rnn-sequences N] [--seed S] [--help]</c>.</summary>
public sealed record Options(int Steps, int Sequences, int RnnSequences, int Seed, bool ShowHelp)
{
    public const int DefaultSequences = 100_000, DefaultRnnSequences = 100_000, DefaultSeed = 1;
    public const int MaxSequences = 10_000_000;

    public static string Usage =>
        "usage: AddingProblem [--steps T] [--sequences N] [--rnn-sequences N] [--seed S]\n" +
        $"  --steps T           minimal sequence length T, a whole number in {AddingTask.SmallestMinLength}..{AddingTask.LargestMinLength} (default {AddingTask.DefaultMinLength});\n" +
        "                      sequences are T to T + T/10 steps long\n" +
        $"  --sequences N       training budget of the LSTM, the GRUs and the TCN in sequences, 1..{MaxSequences} (default {DefaultSequences});\n" +
        "                      training stops earlier once a check on fresh sequences finds under 1 % wrong\n" +
        $"  --rnn-sequences N   cap on the simple RNN's budget, 1..{MaxSequences} (default {DefaultRnnSequences});\n" +
        "                      the RNN trains on min(N, the LSTM's budget) sequences\n" +
        $"  --seed S            seed of the weights and of every sequence, a whole number >= 0 (default {DefaultSeed})\n" +
        "  -h, --help          show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        if (!CommandLine.TryParse(args, ["--steps", "--sequences", "--rnn-sequences", "--seed"],
                out IReadOnlyDictionary<string, string> values, out bool help, out error)
            || !CommandLine.TryGetWholeNumber(values, "--steps", AddingTask.SmallestMinLength, AddingTask.LargestMinLength,
                AddingTask.DefaultMinLength, out int steps, out error)
            || !CommandLine.TryGetWholeNumber(values, "--sequences", 1, MaxSequences, DefaultSequences, out int sequences, out error)
            || !CommandLine.TryGetWholeNumber(values, "--rnn-sequences", 1, MaxSequences, DefaultRnnSequences, out int rnnSequences, out error)
            || !CommandLine.TryGetWholeNumber(values, "--seed", 0, int.MaxValue, DefaultSeed, out int seed, out error))
            return null;
        return new Options(steps, sequences, rnnSequences, seed, help);
    }
}
