using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using NetGen.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>
/// W7 inference: one image (batch 1) forward through the Fashion-MNIST CNN to its softmax, NetGen's generated Forward
/// against the torch module under no_grad, on <see cref="Threads"/> threads each: NetGen with its second core on (2)
/// or off (1), LibTorch with as many intra-op threads.
/// </summary>
[MemoryDiagnoser]
public class W7CnnForward
{
    private readonly FashionCnn _network = new();
    private readonly float[] _input = Data.Uniform(FashionCnn.InputSize, seed: 701, min: 0f, max: 1f);
    private readonly float[] _output = new float[FashionCnn.OutputSize], _torchOutput = new float[FashionCnn.OutputSize];
    private readonly Sequential _torch = TorchNetworks.FashionCnnProbabilities();
    private readonly Tensor _torchInput;

    /// <summary>The torch input holds the same image as <c>[1, 1, 28, 28]</c>, made once.</summary>
    public W7CnnForward() => _torchInput = torch.tensor(_input, [1, 1, 28, 28]);

    /// <summary>Threads on each side.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 2;

    /// <summary>The threads; non-zero biases (as in tests/NetGen.Benchmarks' W7a), NetGen's parameters into the torch module, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        SecondCore.Enabled = Threads > 1;
        var random = new Random(702);
        foreach (LayerInfo layer in _network.Layers)
            for (int i = 0; i < layer.BiasCount; i++) _network.Parameters[layer.ParameterOffset + layer.WeightCount + i] = random.NextSingle() - 0.5f;
        TorchParameters.Load([.. _torch.parameters()], _network.Parameters);
        Generated();
        TorchSharp();
        Agreement.Check($"W7 forward output ({Threads} thread(s))", _output, _torchOutput);
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SecondCore.Enabled = true;
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
