using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W7b: one minibatch SGD step, batch 32, on <see cref="FashionCnn"/> (113 M multiply-adds,
/// <see cref="W7Cnn.TrainMultiplyAdds"/>). TorchSharp's figure for the same step is in tests/NetGen.TorchSharp.Benchmarks,
/// which also checks the step against LibTorch's.
/// </summary>
[MemoryDiagnoser]
public class W7bCnnTrainBatch
{
    private readonly FashionCnn _network = new();
    private readonly Sgd _optimizer = new(W7Cnn.LearningRate);
    private readonly float[] _inputs = W7Cnn.Images(W7Cnn.BatchSize, seed: 711);
    private readonly float[] _targets = W7Cnn.Targets(W7Cnn.BatchSize, seed: 712);

    /// <summary>NetGen's generated TrainBatch: the products shared with a second core.</summary>
    [Benchmark(Baseline = true)]
    public float Generated() => _network.TrainBatch(_inputs, _targets, W7Cnn.BatchSize, _optimizer);

    /// <summary>The same on one core.</summary>
    [Benchmark]
    public float GeneratedOneCore()
    {
        SecondCore.Enabled = false;
        try
        {
            return Generated();
        }
        finally
        {
            SecondCore.Enabled = true;
        }
    }
}
