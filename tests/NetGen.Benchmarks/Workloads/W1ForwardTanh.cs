using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W1: one sample forward through 32-64-64-8, tanh hidden layers, linear output.</summary>
[MemoryDiagnoser]
public class W1ForwardTanh
{
    private readonly TanhMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Tanh32x64x64x8();
    private readonly float[] _input = Data.Uniform(TanhMlp.InputSize, seed: 101);
    private readonly float[] _output = new float[TanhMlp.OutputSize];
    private readonly float[] _plainOutput = new float[TanhMlp.OutputSize];

    /// <summary>Same weights on both sides, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain.LoadParameters(_network.Parameters);
        _network.Forward(_input, _output);
        _plain.Forward(_input, _plainOutput);
        Agreement.Check("W1 forward output", _output, _plainOutput);
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        return _plainOutput[0];
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }
}
