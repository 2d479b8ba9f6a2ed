using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W6b: a 100-step sequence forward through GRU 8 → 32, dense 32 → 1 on the last step, batch 1 (W5b with a GRU).</summary>
[MemoryDiagnoser]
public class W6bGruSequence
{
    private readonly GruBench _network = new();
    private readonly PlainGru _plain = PlainNetworks.Gru8x32x1();
    private readonly SimdGru _simd = new();
    private readonly BroadcastGru _best = new();
    private GruBench.Inference? _inference;
    private readonly float[] _input = W6Gru.Sequence(W5Lstm.LongSequence, seed: 521);
    private readonly float[] _target = W6Gru.Target(seed: 522);
    private readonly float[] _output = new float[GruBench.OutputSize];
    private readonly float[] _plainOutput = new float[GruBench.OutputSize];
    private readonly float[] _simdOutput = new float[GruBench.OutputSize];

    /// <summary>Same weights on every side, then the self-check (which also grows the workspaces to 100 steps).</summary>
    [GlobalSetup]
    public void Setup()
    {
        W6Gru.Setup("W6b", _network, _plain, _input, _target, _simd, _best);
        _inference = _network.ToInference();
        _network.Forward(_input, _output);
        _inference.Forward(_input, _simdOutput);
        Agreement.Check("W6b sequence output, NetGen's inference form", _output, _simdOutput);
    }

    /// <summary>The strongest hand-written C# for inference (<see cref="BroadcastGru"/>).</summary>
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

    /// <summary>Hand-written Vector512/Vector256 on transposed weights (<see cref="SimdGru"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }
}
