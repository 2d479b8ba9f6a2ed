using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W2b: W2's network (784-128-10, ReLU, softmax) on a batch of 32 samples, NetGen's inference form against ONNX Runtime
/// with equal threads: one (NetGen with <see cref="SecondCore"/> off, ORT with one intra-op thread) and two. The
/// baseline is ONNX Runtime on one thread, its fastest call path. GFLOP/s = 2 · <see cref="MultiplyAdds"/> / (mean ns),
/// to set against <see cref="FmaPeak"/> from the same run.
/// </summary>
[MemoryDiagnoser]
public class W2bBatchInference
{
    private const int Batch = 32;

    /// <summary>Multiply-adds of one batch: both layers' products.</summary>
    public const long MultiplyAdds = (long)Batch * (MnistMlp.InputSize * 128 + 128 * MnistMlp.OutputSize);

    private readonly MnistMlp _network = new();
    private readonly float[] _inputs = Data.Uniform(Batch * MnistMlp.InputSize, seed: 221, min: 0f, max: 1f);
    private readonly float[] _outputs = new float[Batch * MnistMlp.OutputSize];
    private readonly float[] _reference = new float[Batch * MnistMlp.OutputSize];
    private MnistMlp.Inference? _inference;
    private OnnxRuntimeNetwork? _ortOne, _ortTwo;

    /// <summary>Same weights on every side, then the self-check against the network's own batch Forward.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network.Forward(_inputs, _reference, Batch);
        _inference = _network.ToInference();
        _inference.Forward(_inputs, _outputs, Batch);
        Agreement.Check("W2b batch output, NetGen's inference form", _reference, _outputs);
        _ortOne = new OnnxRuntimeNetwork(_network, [Batch, MnistMlp.InputSize], threads: 1);
        _ortTwo = new OnnxRuntimeNetwork(_network, [Batch, MnistMlp.InputSize], threads: 2);
        foreach (OnnxRuntimeNetwork ort in new[] { _ortOne, _ortTwo })
        {
            _inputs.CopyTo(ort.Input);
            ort.RunBound();
            Agreement.Check("W2b batch output, ONNX Runtime (IOBinding)", _reference, ort.Output);
        }
    }

    /// <summary>Frees the ONNX Runtime sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ortOne?.Dispose();
        _ortTwo?.Dispose();
    }

    /// <summary>ONNX Runtime, one intra-op thread, input and output bound once.</summary>
    [Benchmark(Baseline = true)]
    public float OnnxRuntimeOneThread()
    {
        _ortOne!.RunBound();
        return _ortOne.Output[0];
    }

    /// <summary>NetGen's inference form on the calling thread only.</summary>
    [Benchmark]
    public float InferenceOneCore()
    {
        SecondCore.Enabled = false;
        try
        {
            return Inference();
        }
        finally
        {
            SecondCore.Enabled = true;
        }
    }

    /// <summary>ONNX Runtime, two intra-op threads.</summary>
    [Benchmark]
    public float OnnxRuntimeTwoThreads()
    {
        _ortTwo!.RunBound();
        return _ortTwo.Output[0];
    }

    /// <summary>NetGen's inference form, its large product shared with <see cref="SecondCore"/>.</summary>
    [Benchmark]
    public float InferenceTwoCores() => Inference();

    private float Inference()
    {
        _inference!.Forward(_inputs, _outputs, Batch);
        return _outputs[0];
    }
}
