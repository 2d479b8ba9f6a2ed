using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>
/// W7: one minibatch SGD step, batch 32, on the Fashion-MNIST CNN (<see cref="FashionCnn"/>: Conv2D 16 3×3 same ReLU,
/// MaxPool 2, Conv2D 32 3×3 same ReLU, MaxPool 2, Dense 128 ReLU, Dense 10 softmax, cross-entropy), both sides on both
/// cores: NetGen shares its products with its second core, LibTorch runs two intra-op threads.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SamplesPerSecondColumn.Config))]
public class W7CnnTrainBatch
{
    /// <summary>Samples per step.</summary>
    public const int BatchSize = 32;

    private const float LearningRate = 0.01f;
    private readonly FashionCnn _network = new();
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _inputs = Data.Uniform(BatchSize * FashionCnn.InputSize, seed: 711, min: 0f, max: 1f);
    private readonly float[] _targets = Data.OneHot(BatchSize, FashionCnn.OutputSize, seed: 712);
    private readonly Sequential _torch = TorchNetworks.FashionCnnLogits();
    private readonly SGD _torchOptimizer;
    private readonly Tensor _torchInputs, _torchClasses;

    /// <summary>The torch inputs hold the same batch as <c>[32, 1, 28, 28]</c>, made once; the targets become class indices.</summary>
    public W7CnnTrainBatch()
    {
        _torchOptimizer = torch.optim.SGD(_torch.parameters(), LearningRate);
        _torchInputs = torch.tensor(_inputs, [BatchSize, 1, 28, 28]);
        long[] classes = Enumerable.Range(0, BatchSize)
            .Select(row => (long)Array.IndexOf(_targets, 1f, row * FashionCnn.OutputSize, FashionCnn.OutputSize) - row * FashionCnn.OutputSize)
            .ToArray();
        _torchClasses = torch.tensor(classes);
    }

    /// <summary>Two threads; NetGen's weights into the torch module; the self-check takes three steps on each side and compares.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseTwoThreads();
        TrainingAgreement.Check("W7", _network, Generated, [.. _torch.parameters()], TorchSharp);
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInputs.Dispose();
        _torchClasses.Dispose();
        _torchOptimizer.Dispose();
        _torch.Dispose();
    }

    /// <summary>NetGen's generated TrainBatch with <c>new Sgd(0.01f)</c>, its products shared with the second core; returns the mean loss.</summary>
    [Benchmark(Baseline = true)]
    public float Generated() => _network.TrainBatch(_inputs, _targets, BatchSize, _optimizer);

    /// <summary>zero_grad, forward to the logits, cross_entropy (mean), backward, SGD(lr = 0.01) step, on two threads; its tensors disposed per call.</summary>
    [Benchmark]
    public float TorchSharp()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        _torchOptimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_torch.forward(_torchInputs), _torchClasses);
        loss.backward();
        _torchOptimizer.step();
        return loss.item<float>();
    }
}
