using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks.Workloads;

/// <summary>W5: one LSTM step (a 1-step sequence from the zero state) forward through LSTM 8 → 32, dense 32 → 1, batch 1.</summary>
[MemoryDiagnoser]
public class W5LstmStep
{
    private readonly LstmBench _network = new();
    private readonly float[] _input = Data.Uniform(LstmBench.InputSize, seed: 511);
    private readonly float[] _output = new float[LstmBench.OutputSize];
    private readonly float[] _torchOutput = new float[LstmBench.OutputSize];
    private readonly TorchLstmStep _torch = new();
    private readonly Tensor _torchInput;

    /// <summary>The torch input holds the same step, made once.</summary>
    public W5LstmStep() => _torchInput = TorchParameters.Rows(_input, rows: 1);

    /// <summary>
    /// Non-zero biases (NetGen initialises them to zero; b_ih and b_hh differ, as in tests/NetGen.Benchmarks' W5),
    /// NetGen's parameters into the torch modules, then the self-check of the hidden state and the output.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchNetworks.UseOneThread();
        Data.Uniform(_network.Memory.BiasIh.Length, seed: 501, min: -0.2f, max: 0.2f).CopyTo(_network.Memory.BiasIh);
        Data.Uniform(_network.Memory.BiasHh.Length, seed: 502, min: -0.2f, max: 0.2f).CopyTo(_network.Memory.BiasHh);
        Data.Uniform(_network.Out.Bias.Length, seed: 503, min: -0.2f, max: 0.2f).CopyTo(_network.Out.Bias);
        TorchParameters.Load(_torch.Parameters, _network.Parameters);
        Generated();
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        (Tensor hidden, Tensor output) = _torch.Step(_torchInput);
        Agreement.Check("W5 hidden state", _network.LayerOutput(1), TorchParameters.Read([hidden]));
        Agreement.Check("W5 output", _output, TorchParameters.Read([output]));
    }

    /// <summary>Frees the native tensors.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInput.Dispose();
        _torch.Dispose();
    }

    /// <summary>NetGen's generated Forward of a 1-step sequence.</summary>
    [Benchmark(Baseline = true)]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>LSTMCell then Linear under no_grad, the output copied out; its tensors disposed per call.</summary>
    [Benchmark]
    public float TorchSharp()
    {
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable noGrad = torch.no_grad();
        _torch.Step(_torchInput).Output.data<float>().CopyTo(_torchOutput);
        return _torchOutput[0];
    }
}
