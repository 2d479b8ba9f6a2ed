using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W7c: 32 images forward through <see cref="FashionCnn"/>, as one batched Forward (each convolution one product over
/// groups of samples) against 32 single-sample Forward calls: what the batch path gains.
/// </summary>
[MemoryDiagnoser]
public class W7cCnnForwardBatch
{
    private readonly FashionCnn _network = new();
    private readonly float[] _inputs = W7Cnn.Images(W7Cnn.BatchSize, seed: 721);
    private readonly float[] _outputs = new float[W7Cnn.BatchSize * FashionCnn.OutputSize], _single = new float[W7Cnn.BatchSize * FashionCnn.OutputSize];

    /// <summary>Both ways give the same probabilities.</summary>
    [GlobalSetup]
    public void Setup()
    {
        W8TcnForward.RandomizeBiases(_network, seed: 722);
        Batched();
        PerSample();
        Agreement.Check("W7c batched forward against 32 single forwards", _outputs, _single);
    }

    /// <summary>32 single-sample Forward calls.</summary>
    [Benchmark(Baseline = true)]
    public float PerSample()
    {
        for (int s = 0; s < W7Cnn.BatchSize; s++)
            _network.Forward(_inputs.AsSpan(s * FashionCnn.InputSize, FashionCnn.InputSize), _single.AsSpan(s * FashionCnn.OutputSize, FashionCnn.OutputSize));
        return _single[0];
    }

    /// <summary>One batched Forward of 32.</summary>
    [Benchmark]
    public float Batched()
    {
        _network.Forward(_inputs, _outputs, W7Cnn.BatchSize);
        return _outputs[0];
    }
}
