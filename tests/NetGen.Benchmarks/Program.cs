using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Workloads;

namespace NetGen.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher, or <c>--check</c> to run only the agreement self-checks.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--check") return RunChecks();
        // Reports go next to the binaries (under bin/, ignored by git) rather than into the current
        // directory, which is usually the repository root; --artifacts <dir> still overrides this.
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>Runs every workload's GlobalSetup (which holds its self-check) once, without timing anything.</summary>
    private static int RunChecks()
    {
        Agreement.Log = Console.WriteLine;
        try
        {
            Console.WriteLine("W1ForwardTanh"); new W1ForwardTanh().Setup();
            Console.WriteLine("W2ForwardMnist"); new W2ForwardMnist().Setup();
            Console.WriteLine("W3TrainStepTanh"); new W3TrainStepTanh().Setup();
            Console.WriteLine("W4TrainBatchMnist"); new W4TrainBatchMnist().Setup();
            Console.WriteLine("W5aLstmStep"); new W5aLstmStep().Setup();
            Console.WriteLine("W5bLstmSequence"); new W5bLstmSequence().Setup();
            Console.WriteLine("W5cLstmBptt"); new W5cLstmBptt().Setup();
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine("FAILED: " + exception.Message);
            return 1;
        }
        Console.WriteLine($"All checks passed (tolerance {Agreement.Tolerance}).");
        return 0;
    }
}
