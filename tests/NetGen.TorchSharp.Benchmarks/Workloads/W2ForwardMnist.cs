using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W2: one sample forward through 784-128-10, ReLU hidden layer, softmax output.</summary>
[MemoryDiagnoser]
public class W2ForwardMnist
{
    private readonly MnistMlp _network = new();
    private readonly float[] _input = Data.Uniform(MnistMlp.InputSize, seed: 201, min: 0f, max: 1f);
    private readonly float[] _output = new float[MnistMlp.OutputSize];
    private readonly float[] _torchOutput = new float[MnistMlp.OutputSize];
    private readonly Sequential _torch = TorchNetworks.MnistProbabilities();
    private readonly Tensor _torchInput;

    /// <summary>The torch input holds the same sample, made once.</summary>
    public W2ForwardMnist() => _torchInput = TorchParameters.Rows(_input, rows: 1);

    /// <summary>NetGen's weights into the torch module, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseOneThread();
        TorchParameters.Load([.. _torch.parameters()], _network.Parameters);
        Generated();
        TorchSharp();
        Agreement.Check("W2 forward output", _output, _torchOutput);
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInput.Dispose();
        _torch.Dispose();
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark(Baseline = true)]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>The torch module's forward under no_grad, the output copied out; its tensors disposed per call.</summary>
    [Benchmark]
    public float TorchSharp()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        _torch.forward(_torchInput).data<float>().CopyTo(_torchOutput);
        return _torchOutput[0];
    }
}
