using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W6a: one GRU step (a 1-step sequence) forward through GRU 8 → 32, dense 32 → 1, batch 1 (W5a with a GRU). The
/// baseline is the strongest hand-written C# for inference, <see cref="BroadcastGru"/> (transposed, gate-interleaved
/// weights, inputs broadcast, gates in registers).
/// </summary>
[MemoryDiagnoser]
public class W6aGruStep
{
    private readonly GruBench _network = new();
    private readonly PlainGru _plain = PlainNetworks.Gru8x32x1();
    private readonly SimdGru _simd = new();
    private readonly BroadcastGru _best = new();
    private readonly float[] _input = W6Gru.Sequence(1, seed: 511);
    private readonly float[] _target = W6Gru.Target(seed: 512);
    private readonly float[] _output = new float[GruBench.OutputSize];
    private readonly float[] _plainOutput = new float[GruBench.OutputSize];
    private readonly float[] _simdOutput = new float[GruBench.OutputSize];
    private GruBench.Inference? _inference;

    /// <summary>Same weights on every side, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        W6Gru.Setup("W6a", _network, _plain, _input, _target, _simd, _best);
        _inference = _network.ToInference();
        _network.Forward(_input, _output);
        _inference.Step(_input, _simdOutput); // the first step of a stream: from the zero state, as Forward
        Agreement.Check("W6a step output, NetGen's inference form (Step)", _output, _simdOutput);
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

    /// <summary>The strongest hand-written C# for inference (<see cref="BroadcastGru"/>).</summary>
    [Benchmark(Baseline = true)]
    public float HandBest()
    {
        _best.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>Hand-written Vector512/Vector256 on transposed weights, inputs broadcast, keeping what a backward pass reads (<see cref="SimdGru"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }
}
