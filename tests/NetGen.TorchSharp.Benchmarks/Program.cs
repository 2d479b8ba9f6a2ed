using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks;
using NetGen.TorchSharp.Benchmarks.Workloads;
using TorchSharp;

namespace NetGen.TorchSharp.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher, or <c>--check</c> to run only the agreement self-checks.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    public static int Main(string[] args)
    {
        // Single-threaded LibTorch: set_num_threads(1) limits its intra-op work, but its OpenMP pool is still started
        // and spins beside NetGen's second core; without a pool, TorchSharp runs on one thread as the figures
        // were taken. BenchmarkDotNet's child processes inherit this, and LibTorch reads it when it loads.
        Environment.SetEnvironmentVariable("OMP_NUM_THREADS", "1");
        if (args.Length == 1 && args[0] == "--check") return RunChecks();
        // Reports go next to the binaries (under bin/, ignored by git) rather than into the current directory,
        // which is usually the repository root; --artifacts <dir> still overrides this.
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            // BenchmarkDotNet rebuilds NetGen and copies LibTorch's 500 MB of native libraries for its generated
            // project: on a busy 2-core machine that can exceed its default two-minute build timeout.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>Runs every workload's GlobalSetup (which holds its self-check) once, without timing anything.</summary>
    private static int RunChecks()
    {
        Agreement.Log = Console.WriteLine;
        try
        {
            TorchNetworks.UseOneThread();
            Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, LibTorch {torch.__version__}, {torch.get_num_threads()} intra-op thread(s)");
            Console.WriteLine("W1ForwardTanh"); Run(new W1ForwardTanh(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W2ForwardMnist"); Run(new W2ForwardMnist(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W3TrainStepTanh"); Run(new W3TrainStepTanh(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W4TrainBatchMnist"); Run(new W4TrainBatchMnist(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W5LstmStep"); Run(new W5LstmStep(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W7CnnForward, 1 thread"); Run(new W7CnnForward { Threads = 1 }, b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W7CnnForward, 2 threads"); Run(new W7CnnForward { Threads = 2 }, b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W7CnnTrainBatch"); Run(new W7CnnTrainBatch(), b => b.Setup(), b => b.Cleanup());
            ThreadCheck();
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine("FAILED: " + exception.Message);
            return 1;
        }
        Console.WriteLine($"All checks passed (tolerance {Agreement.Tolerance}).");
        return 0;
    }

    /// <summary>
    /// Shows that LibTorch really runs W7's step on two threads under set_num_threads(2), although OMP_NUM_THREADS is 1
    /// in this process: 20 steps at each setting, wall-clock time against the process's CPU time.
    /// </summary>
    private static void ThreadCheck()
    {
        var workload = new W7CnnTrainBatch();
        try
        {
            workload.Setup();
            foreach (int threads in new[] { 1, 2 })
            {
                torch.set_num_threads(threads);
                for (int i = 0; i < 3; i++) workload.TorchSharp();
                var process = System.Diagnostics.Process.GetCurrentProcess();
                TimeSpan cpu = process.TotalProcessorTime;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < 20; i++) workload.TorchSharp();
                clock.Stop();
                process.Refresh();
                double wall = clock.Elapsed.TotalMilliseconds, used = (process.TotalProcessorTime - cpu).TotalMilliseconds;
                Console.WriteLine($"  LibTorch with set_num_threads({threads}) (get_num_threads {torch.get_num_threads()}): 20 W7 steps in {wall:F0} ms, {used:F0} ms of CPU time ({used / wall:F2} cores busy)");
            }
        }
        finally
        {
            workload.Cleanup();
        }
    }

    private static void Run<T>(T benchmark, Action<T> setup, Action<T> cleanup)
    {
        try
        {
            setup(benchmark);
        }
        finally
        {
            cleanup(benchmark);
        }
    }
}
