using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W4: one minibatch SGD step, batch 32, on 784-128-10 ReLU with softmax + cross-entropy.</summary>
[MemoryDiagnoser]
public class W4TrainBatchMnist
{
    private const int BatchSize = 32;
    private const float LearningRate = 0.01f;
    private readonly MnistMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Relu784x128x10();
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _inputs = Data.Uniform(BatchSize * MnistMlp.InputSize, seed: 401, min: 0f, max: 1f);
    private readonly float[] _targets = Data.OneHot(BatchSize, MnistMlp.OutputSize, seed: 402);

    /// <summary>Same weights on both sides; the self-check takes a few steps on each and compares.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain.LoadParameters(_network.Parameters);
        var parameters = new float[MnistMlp.ParameterCount];
        var gradients = new float[MnistMlp.ParameterCount];
        for (int step = 1; step <= 3; step++)
        {
            float loss = _network.TrainBatch(_inputs, _targets, BatchSize, _optimizer);
            float plainLoss = _plain.TrainBatch(_inputs, _targets, BatchSize, LearningRate);
            Agreement.Check($"W4 step {step} mean loss", loss, plainLoss);
            _plain.CopyGradientsTo(gradients);
            Agreement.Check($"W4 step {step} mean gradients", _network.Gradients, gradients);
            _plain.CopyParametersTo(parameters);
            Agreement.Check($"W4 step {step} parameters", _network.Parameters, parameters);
        }
        _plain.LoadParameters(_network.Parameters);
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.TrainBatch(_inputs, _targets, BatchSize, LearningRate);

    /// <summary>NetGen's generated TrainBatch with <c>new Sgd(0.01f)</c>: the batch's matrix products share a second core.</summary>
    [Benchmark]
    public float Generated() => _network.TrainBatch(_inputs, _targets, BatchSize, _optimizer);

    /// <summary>The same on one core (<see cref="SecondCore.Enabled"/> off).</summary>
    [Benchmark]
    public float GeneratedOneCore()
    {
        SecondCore.Enabled = false;
        try
        {
            return _network.TrainBatch(_inputs, _targets, BatchSize, _optimizer);
        }
        finally
        {
            SecondCore.Enabled = true;
        }
    }

    /// <summary>Multiply-adds per TrainBatch: forward Z = X·Wᵀ and backward ∇W = δᵀ·X per layer, plus dX = δ·W above the first.</summary>
    public const long MultiplyAdds = 2L * BatchSize * (784 * 128 + 128 * 10) + BatchSize * 10 * 128;
}
