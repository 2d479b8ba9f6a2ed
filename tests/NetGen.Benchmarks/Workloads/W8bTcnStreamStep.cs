using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W8b: RTNeural's real use of <see cref="DilatedTcn"/>, one audio sample in and one out per call: NetGen's generated
/// <c>StreamStep</c> (each layer keeps a ring of its recent inputs and computes only the newest step) against the
/// hand-written streaming SIMD version (<see cref="SimdTcnStream"/>). The samples come from a 1,024-sample signal,
/// played round and round; the state carries on from call to call.
/// </summary>
[MemoryDiagnoser]
public class W8bTcnStreamStep
{
    private const int SignalLength = 1024;
    private readonly DilatedTcn _network = new();
    private readonly SimdTcnStream _simd = new();
    private readonly float[] _signal = Data.Uniform(SignalLength, seed: 811);
    private readonly float[] _step = new float[DilatedTcn.StreamInputSize], _output = new float[DilatedTcn.StreamOutputSize];
    private int _generatedAt, _simdAt;

    /// <summary>
    /// The biases of W8, the same parameters on both sides, then the self-check: 200 streamed steps on each side agree,
    /// and the first 31 equal the generated Forward over that window; both streams then start over.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        W8TcnForward.RandomizeBiases(_network, seed: 802);
        _simd.LoadParameters(_network.Parameters);
        _network.ResetStream();
        const int steps = 200;
        float[] streamed = new float[steps], simd = new float[steps];
        for (int t = 0; t < steps; t++)
        {
            _step[0] = _signal[t];
            _network.StreamStep(_step, _output);
            streamed[t] = _output[0];
            simd[t] = _simd.Step(_signal[t]);
        }
        float[] window = new float[DilatedTcn.OutputSize];
        _network.Forward(_signal.AsSpan(0, DilatedTcn.Window), window);
        Agreement.Check("W8b StreamStep's first 31 steps against Forward over that window", streamed.AsSpan(0, DilatedTcn.Window), window);
        Agreement.Check($"W8b hand SIMD stream against StreamStep, {steps} steps", streamed, simd);
        _network.ResetStream();
        _simd.Reset();
    }

    /// <summary>NetGen's generated StreamStep.</summary>
    [Benchmark(Baseline = true)]
    public float Generated()
    {
        _step[0] = _signal[_generatedAt++ & (SignalLength - 1)];
        _network.StreamStep(_step, _output);
        return _output[0];
    }

    /// <summary>Hand-written Vector512 streaming step on pre-transposed weights (<see cref="SimdTcnStream"/>).</summary>
    [Benchmark]
    public float HandSimd() => _simd.Step(_signal[_simdAt++ & (SignalLength - 1)]);

    /// <summary>Multiply-adds per step: 16 × (3 + 3 × 48) + 16.</summary>
    public const long MultiplyAdds = 16 * (3 + 3 * 48) + 16;
}
