using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W6c: a 100-step sequence forward, then zeroed gradients and backpropagation through time (MSE on the
/// last step's output), GRU 8 → 32, dense 32 → 1, batch 1 (W5c with a GRU). No parameter update.
/// </summary>
[MemoryDiagnoser]
public class W6cGruBptt
{
    private readonly GruBench _network = new();
    private readonly PlainGru _plain = PlainNetworks.Gru8x32x1();
    private readonly float[] _input = W6Gru.Sequence(W5Lstm.LongSequence, seed: 531);
    private readonly float[] _target = W6Gru.Target(seed: 532);
    private readonly float[] _output = new float[GruBench.OutputSize];
    private readonly float[] _plainOutput = new float[GruBench.OutputSize];

    /// <summary>Same weights on both sides, then the self-check (the benchmarked sequence of calls, compared).</summary>
    [GlobalSetup]
    public void Setup() => W6Gru.Setup("W6c", _network, _plain, _input, _target);

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        _plain.ZeroGradients();
        return _plain.Backward(_target);
    }

    /// <summary>NetGen's generated Forward, ZeroGradients and Backward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        _network.ZeroGradients();
        return _network.Backward(_target);
    }
}
