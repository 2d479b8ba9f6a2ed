using System.Collections.Generic;

/// <summary>The command line: <c>[--seeds N] [--threads N] [--help]</c>.</summary>
public sealed record Options(int Seeds, int Threads, bool ShowHelp)
{
    public const int DefaultSeeds = 20, MaxSeeds = 1000, MaxThreads = 256;

    public static string Usage =>
        "usage: GradientFree [--seeds N] [--threads N]\n" +
        $"  --seeds N     runs per task and method, seeds 1..N, a whole number in 1..{MaxSeeds} (default {DefaultSeeds})\n" +
        $"  --threads N   threads evaluating candidates, 1..{MaxThreads} (default: one per processor; results do not depend on it)\n" +
        "  -h, --help    show this text";

    /// <summary>Reads <paramref name="args"/>; on bad input returns null and a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        if (!CommandLine.TryParse(args, ["--seeds", "--threads"], out IReadOnlyDictionary<string, string> values, out bool help, out error)
            || !CommandLine.TryGetWholeNumber(values, "--seeds", 1, MaxSeeds, DefaultSeeds, out int seeds, out error)
            || !CommandLine.TryGetWholeNumber(values, "--threads", 1, MaxThreads, -1, out int threads, out error))
            return null;
        return new Options(seeds, threads, help);
    }
}
