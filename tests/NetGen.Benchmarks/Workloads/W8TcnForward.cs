using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W8: RTNeural's use case, batch 1: <see cref="DilatedTcn"/> (four causal Conv1D 16, kernel 3, tanh, dilations 1, 2,
/// 4, 8, then a 1×1 Conv1D to one output) run forward over one window of 31 samples, its receptive field. NetGen has no
/// streaming API (one new sample per call with ring buffers holding each layer's past), so this times what exists: a
/// whole window per call, every layer computing all 31 steps, on every side.
/// </summary>
[MemoryDiagnoser]
public class W8TcnForward
{
    private readonly DilatedTcn _network = new();
    private readonly PlainTcn _plain = new();
    private readonly SimdTcn _simd = new();
    private readonly float[] _input = Data.Uniform(DilatedTcn.InputSize, seed: 801);
    private readonly float[] _output = new float[DilatedTcn.OutputSize], _plainOutput = new float[DilatedTcn.OutputSize], _simdOutput = new float[DilatedTcn.OutputSize];

    /// <summary>Non-zero biases (NetGen starts them at zero), the same parameters on every side, then the self-check on two windows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        RandomizeBiases(_network, seed: 802);
        _plain.LoadParameters(_network.Parameters);
        _simd.LoadParameters(_network.Parameters);
        foreach ((string name, float[] input) in new[] { ("W8 window", _input), ("W8 second window", Data.Uniform(DilatedTcn.InputSize, seed: 803, min: -3f, max: 3f)) })
        {
            _network.Forward(input, _output);
            _plain.Forward(input, _plainOutput);
            _simd.Forward(input, _simdOutput);
            Agreement.Check($"{name}: plain loop output", _output, _plainOutput);
            Agreement.Check($"{name}: hand SIMD output", _output, _simdOutput);
        }
    }

    /// <summary>Hand-written scalar loops in NetGen's layout (<see cref="PlainTcn"/>).</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        return _plainOutput[^1];
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[^1];
    }

    /// <summary>Hand-written Vector512 over output channels on pre-transposed weights (<see cref="SimdTcn"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _simdOutput);
        return _simdOutput[^1];
    }

    /// <summary>Multiply-adds per window: 31 steps × 16 channels × (3 + 3 × 48) + 31 × 16.</summary>
    public const long MultiplyAdds = (long)DilatedTcn.Window * 16 * (3 + 3 * 48) + DilatedTcn.Window * 16;

    /// <summary>Gives every bias a value in [−0.5, 0.5), so that the check sees them.</summary>
    public static void RandomizeBiases(INetwork network, int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<LayerInfo> layers = network.Layers;
        Span<float> parameters = network.Parameters;
        foreach (LayerInfo layer in layers)
            for (int i = 0; i < layer.BiasCount; i++) parameters[layer.ParameterOffset + layer.WeightCount + i] = random.NextSingle() - 0.5f;
    }
}
