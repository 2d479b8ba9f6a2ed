using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W3: one online SGD step (forward, MSE backward, update) on 32-64-64-8 tanh.</summary>
[MemoryDiagnoser]
public class W3TrainStepTanh
{
    private const float LearningRate = 0.01f;
    private readonly TanhMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Tanh32x64x64x8();
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _input = Data.Uniform(TanhMlp.InputSize, seed: 301);
    private readonly float[] _target = Data.Uniform(TanhMlp.OutputSize, seed: 302);

    /// <summary>Same weights on both sides; the self-check takes a few steps on each and compares.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain.LoadParameters(_network.Parameters);
        var parameters = new float[TanhMlp.ParameterCount];
        var gradients = new float[TanhMlp.ParameterCount];
        for (int step = 1; step <= 3; step++)
        {
            float loss = _network.TrainStep(_input, _target, _optimizer);
            float plainLoss = _plain.TrainStep(_input, _target, LearningRate);
            Agreement.Check($"W3 step {step} loss", loss, plainLoss);
            _plain.CopyGradientsTo(gradients);
            Agreement.Check($"W3 step {step} gradients", _network.Gradients, gradients);
            _plain.CopyParametersTo(parameters);
            Agreement.Check($"W3 step {step} parameters", _network.Parameters, parameters);
        }
        _plain.LoadParameters(_network.Parameters);
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.TrainStep(_input, _target, LearningRate);

    /// <summary>NetGen's generated TrainStep with <c>new Sgd(0.01f)</c>.</summary>
    [Benchmark]
    public float Generated() => _network.TrainStep(_input, _target, _optimizer);
}
