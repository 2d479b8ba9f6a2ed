using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks.Baselines;
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
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
            // BenchmarkDotNet rebuilds NetGen (ONNX Runtime's native library included) for its generated project: on a
            // busy 2-core machine that can exceed its default two-minute build timeout.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        // The native comparisons need libraries a machine may lack: leave their benchmarks out, and say so.
        if (!FannLibrary.IsAvailable) Console.WriteLine($"// {FannLibrary.Description}.");
        if (!PlainCLibrary.Strict.IsAvailable) Console.WriteLine($"// {PlainCLibrary.Strict.Description}.");
        if (!PlainCLibrary.FastMath.IsAvailable) Console.WriteLine($"// {PlainCLibrary.FastMath.Description}.");
        config = config.AddFilter(new SimpleFilter(benchmark => benchmark.Descriptor.WorkloadMethod.Name switch
        {
            nameof(W3TrainStepTanh.Fann) => FannLibrary.IsAvailable,
            nameof(W3TrainStepTanh.PlainC) => PlainCLibrary.Strict.IsAvailable,
            nameof(W3TrainStepTanh.PlainCFastMath) => PlainCLibrary.FastMath.IsAvailable,
            _ => true,
        }));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>Runs every workload's GlobalSetup (which holds its self-check) once, without timing anything.</summary>
    private static int RunChecks()
    {
        Agreement.Log = Console.WriteLine;
        try
        {
            Console.WriteLine($"Hand SIMD path: {(System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "Vector512 (AVX-512F)" : System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported ? "Vector256 (AVX2 + FMA)" : "scalar")}");
            (double tanhError, double sigmoidError, double tanhRelative, double sigmoidRelative) = SimdMath.MeasureError();
            Console.WriteLine($"  vectorised tanh: max |error| {tanhError:G3} (relative {tanhRelative:G3}), sigmoid: {sigmoidError:G3} (relative {sigmoidRelative:G3}) on [-10, 10] against double precision");
            Console.WriteLine($"  {FannLibrary.Description}");
            Console.WriteLine($"  {PlainCLibrary.Strict.Description}");
            Console.WriteLine($"  {PlainCLibrary.FastMath.Description}");
            Console.WriteLine("W1ForwardTanh"); Run(new W1ForwardTanh(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W2ForwardMnist"); Run(new W2ForwardMnist(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W2bBatchInference"); Run(new W2bBatchInference(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W3TrainStepTanh"); Run(new W3TrainStepTanh(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W4TrainBatchMnist"); new W4TrainBatchMnist().Setup();
            Console.WriteLine("W5aLstmStep"); Run(new W5aLstmStep(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W5bLstmSequence"); Run(new W5bLstmSequence(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W5cLstmBptt"); new W5cLstmBptt().Setup();
            Console.WriteLine("W6aGruStep"); new W6aGruStep().Setup();
            Console.WriteLine("W6bGruSequence"); new W6bGruSequence().Setup();
            Console.WriteLine("W6cGruBptt"); new W6cGruBptt().Setup();
            Console.WriteLine("W7aCnnForward"); Run(new W7aCnnForward(), b => b.Setup(), b => b.Cleanup());
            Console.WriteLine("W7cCnnForwardBatch"); new W7cCnnForwardBatch().Setup();
            Console.WriteLine("W8TcnForward"); new W8TcnForward().Setup();
            Console.WriteLine("W8bTcnStreamStep"); new W8bTcnStreamStep().Setup();
            Console.WriteLine("GeneratorTiming"); new GeneratorTiming().Setup();
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine("FAILED: " + exception.Message);
            return 1;
        }
        Console.WriteLine($"All checks passed (tolerance {Agreement.Tolerance}).");
        return 0;
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
