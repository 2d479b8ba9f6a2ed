using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W9: what normalisation and dropout cost a training step: TrainBatch (batch 64, Adam) of 784-256-256-10 ReLU, plain
/// (the baseline), with batch normalisation after each hidden layer and dropout 0.3, and with layer normalisation.
/// The ratio is the price of the layers, not a comparison with other code.
/// </summary>
[MemoryDiagnoser]
public class W9NormalizationTrainBatch
{
    private const int Batch = 64;
    private readonly PlainMlp256 _plain = new();
    private readonly BatchNormMlp256 _batchNorm = new();
    private readonly LayerNormMlp256 _layerNorm = new();
    private readonly Adam _plainAdam = new(1e-3f), _batchNormAdam = new(1e-3f), _layerNormAdam = new(1e-3f);
    private readonly float[] _inputs = Data.Uniform(Batch * 784, seed: 931, min: 0f, max: 1f), _targets = Data.OneHot(Batch, 10, seed: 932);

    [Benchmark(Baseline = true)]
    public float Plain() => _plain.TrainBatch(_inputs, _targets, Batch, _plainAdam);

    [Benchmark]
    public float BatchNormAndDropout() => _batchNorm.TrainBatch(_inputs, _targets, Batch, _batchNormAdam);

    [Benchmark]
    public float LayerNorm() => _layerNorm.TrainBatch(_inputs, _targets, Batch, _layerNormAdam);
}
