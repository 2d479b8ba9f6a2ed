using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W5b: a 100-step sequence forward through LSTM 8 → 32, dense 32 → 1 on the last step, batch 1.</summary>
[MemoryDiagnoser]
public class W5bLstmSequence
{
    private readonly LstmBench _network = new();
    private readonly PlainLstm _plain = PlainNetworks.Lstm8x32x1();
    private readonly SimdLstm _simd = new();
    private readonly BroadcastLstm _best = new();
    private OnnxRuntimeNetwork? _ort;
    private LstmBench.Inference? _inference;
    private readonly float[] _input = W5Lstm.Sequence(W5Lstm.LongSequence, seed: 521);
    private readonly float[] _target = W5Lstm.Target(seed: 522);
    private readonly float[] _output = new float[LstmBench.OutputSize];
    private readonly float[] _plainOutput = new float[LstmBench.OutputSize];
    private readonly float[] _simdOutput = new float[LstmBench.OutputSize];

    /// <summary>Same weights on both sides, then the self-check (which also grows both workspaces to 100 steps).</summary>
    [GlobalSetup]
    public void Setup()
    {
        W5Lstm.Setup("W5b", _network, _plain, _input, _target, _simd, _best);
        _ort = W5Lstm.OnnxRuntime("W5b", _network, _input);
        _inference = _network.ToInference();
        _network.Forward(_input, _output);
        _inference.Forward(_input, _simdOutput);
        Agreement.Check("W5b sequence output, NetGen's inference form", _output, _simdOutput);
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

    /// <summary>NetGen's inference form, the whole sequence from the zero state (<c>ToInference()</c>).</summary>
    [Benchmark]
    public float Inference()
    {
        _inference!.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        return _plainOutput[0];
    }

    /// <summary>NetGen's generated Forward over the sequence.</summary>
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
