using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W3: one online SGD step (forward, MSE backward, update) on 32-64-64-8 tanh.</summary>
[MemoryDiagnoser]
public class W3TrainStepTanh
{
    private const float LearningRate = 0.01f;
    private readonly TanhMlp _network = new();
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _input = Data.Uniform(TanhMlp.InputSize, seed: 301);
    private readonly float[] _target = Data.Uniform(TanhMlp.OutputSize, seed: 302);
    private readonly Sequential _torch = TorchNetworks.TanhMlp();
    private readonly SGD _torchOptimizer;
    private readonly Tensor _torchInput, _torchTarget;

    /// <summary>The torch optimizer over the module's parameters; the torch input and target hold the same values, made once.</summary>
    public W3TrainStepTanh()
    {
        _torchOptimizer = torch.optim.SGD(_torch.parameters(), LearningRate);
        _torchInput = TorchParameters.Rows(_input, rows: 1);
        _torchTarget = TorchParameters.Rows(_target, rows: 1);
    }

    /// <summary>NetGen's weights into the torch module; the self-check takes three steps on each side and compares.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseOneThread();
        TrainingAgreement.Check("W3", _network, Generated, [.. _torch.parameters()], TorchSharp);
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInput.Dispose();
        _torchTarget.Dispose();
        _torchOptimizer.Dispose();
        _torch.Dispose();
    }

    /// <summary>NetGen's generated TrainStep with <c>new Sgd(0.01f)</c>.</summary>
    [Benchmark(Baseline = true)]
    public float Generated() => _network.TrainStep(_input, _target, _optimizer);

    /// <summary>zero_grad, forward, mse_loss, backward, SGD(lr = 0.01) step; its tensors disposed per call.</summary>
    [Benchmark]
    public float TorchSharp()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        _torchOptimizer.zero_grad();
        Tensor loss = nn.functional.mse_loss(_torch.forward(_torchInput), _torchTarget);
        loss.backward();
        _torchOptimizer.step();
        return loss.item<float>();
    }
}
