using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>
/// One sample forward through a feed-forward network, NetGen's generated Forward against the same torch
/// <see cref="Sequential"/> with NetGen's weights (W1 and W2 differ only in the network and the input).
/// </summary>
[MemoryDiagnoser]
public abstract class SequentialForward<TNetwork> where TNetwork : INetwork, new()
{
    private readonly TNetwork _network = new();
    private readonly string _workload;
    private readonly float[] _input, _output, _torchOutput;
    private readonly Sequential _torch;
    private readonly Tensor _torchInput;

    /// <summary>The torch input holds the same sample, made once.</summary>
    protected SequentialForward(string workload, float[] input, Sequential torch)
    {
        _workload = workload;
        _input = input;
        _output = new float[_network.OutputSize];
        _torchOutput = new float[_network.OutputSize];
        _torch = torch;
        _torchInput = TorchParameters.Rows(_input, rows: 1);
    }

    /// <summary>NetGen's weights into the torch module, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseOneThread();
        TorchParameters.Load([.. _torch.parameters()], _network.Parameters);
        Generated();
        TorchSharp();
        Agreement.Check($"{_workload} forward output", _output, _torchOutput);
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInput.Dispose();
        _torch.Dispose();
    }

    /// <summary>NetGen's generated Forward (called through the generic type parameter, as a user's generic code would).</summary>
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
