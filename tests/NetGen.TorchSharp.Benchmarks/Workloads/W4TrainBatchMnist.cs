using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W4: one minibatch SGD step, batch 32, on 784-128-10 ReLU with softmax + cross-entropy.</summary>
[MemoryDiagnoser]
[Config(typeof(SamplesPerSecondColumn.Config))]
public class W4TrainBatchMnist
{
    /// <summary>Samples per step.</summary>
    public const int BatchSize = 32;

    private const float LearningRate = 0.01f;
    private readonly MnistMlp _network = new();
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _inputs = Data.Uniform(BatchSize * MnistMlp.InputSize, seed: 401, min: 0f, max: 1f);
    private readonly float[] _targets = Data.OneHot(BatchSize, MnistMlp.OutputSize, seed: 402);
    private readonly Sequential _torch = TorchNetworks.MnistLogits();
    private readonly SGD _torchOptimizer;
    private readonly Tensor _torchInputs, _torchClasses;

    /// <summary>
    /// The torch optimizer over the module's parameters; the torch inputs hold the same batch, made once, and
    /// the one-hot targets become class indices, as cross_entropy is usually given them.
    /// </summary>
    public W4TrainBatchMnist()
    {
        _torchOptimizer = torch.optim.SGD(_torch.parameters(), LearningRate);
        _torchInputs = TorchParameters.Rows(_inputs, BatchSize);
        long[] classes = Enumerable.Range(0, BatchSize)
            .Select(row => (long)Array.IndexOf(_targets, 1f, row * MnistMlp.OutputSize, MnistMlp.OutputSize) - row * MnistMlp.OutputSize)
            .ToArray();
        _torchClasses = torch.tensor(classes);
    }

    /// <summary>NetGen's weights into the torch module; the self-check takes three steps on each side and compares.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseOneThread();
        TrainingAgreement.Check("W4", _network, Generated, [.. _torch.parameters()], TorchSharp);
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

    /// <summary>NetGen's generated TrainBatch with <c>new Sgd(0.01f)</c>; returns the mean loss.</summary>
    [Benchmark(Baseline = true)]
    public float Generated() => _network.TrainBatch(_inputs, _targets, BatchSize, _optimizer);

    /// <summary>zero_grad, forward to the logits, cross_entropy (mean over the batch), backward, SGD(lr = 0.01) step; its tensors disposed per call.</summary>
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
