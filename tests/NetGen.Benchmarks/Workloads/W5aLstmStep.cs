using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W5a: one LSTM step (a 1-step sequence) forward through LSTM 8 → 32, dense 32 → 1, batch 1.</summary>
[MemoryDiagnoser]
public class W5aLstmStep
{
    private readonly LstmBench _network = new();
    private readonly PlainLstm _plain = PlainNetworks.Lstm8x32x1();
    private readonly SimdLstm _simd = new();
    private readonly BroadcastLstm _best = new();
    private OnnxRuntimeNetwork? _ort;
    private readonly float[] _input = W5Lstm.Sequence(1, seed: 511);
    private readonly float[] _target = W5Lstm.Target(seed: 512);
    private readonly float[] _output = new float[LstmBench.OutputSize];
    private readonly float[] _plainOutput = new float[LstmBench.OutputSize];
    private readonly float[] _simdOutput = new float[LstmBench.OutputSize];
    private LstmBench.Inference? _inference;

    /// <summary>Same weights on both sides, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        W5Lstm.Setup("W5a", _network, _plain, _input, _target, _simd, _best);
        _inference = _network.ToInference();
        _network.Forward(_input, _output);
        _inference.Step(_input, _simdOutput); // the first step of a stream: from the zero state, as Forward
        Agreement.Check("W5a step output, NetGen's inference form (Step)", _output, _simdOutput);
        _ort = W5Lstm.OnnxRuntime("W5a", _network, _input);
    }

    /// <summary>Frees the ONNX Runtime session and deletes its model file.</summary>
    [GlobalCleanup]
    public void Cleanup() => _ort?.Dispose();

    /// <summary>The strongest hand-written C#: transposed gate-interleaved weights, x and h broadcast against them (<see cref="BroadcastLstm"/>).</summary>
    [Benchmark(Baseline = true)]
    public float HandBest()
    {
        _best.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        return _plainOutput[0];
    }

    /// <summary>
    /// NetGen's inference form, one streaming <c>Step</c> (<c>ToInference()</c>: W_ih and W_hh stacked and transposed,
    /// x and h broadcast; the state carried on from the previous call, the same work as a first step).
    /// </summary>
    [Benchmark]
    public float Inference()
    {
        (_inference ?? throw new InvalidOperationException("Setup did not run.")).Step(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>Hand-written Vector512/Vector256, all four gates in one pass (<see cref="SimdLstm"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>ONNX Runtime, one thread, its fastest call path: input and output bound once, <c>RunWithBinding</c>.</summary>
    [Benchmark]
    public float OnnxRuntimeBinding()
    {
        _ort!.RunBound();
        return _ort.Output[0];
    }

    /// <summary>ONNX Runtime, one thread, its convenient call path: a <c>NamedOnnxValue</c> per call.</summary>
    [Benchmark]
    public float OnnxRuntimeNamedValue()
    {
        _ort!.RunNamed(_input, _simdOutput);
        return _simdOutput[0];
    }
}
