using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W7a: one Fashion-MNIST image forward through <see cref="FashionCnn"/> (batch 1): NetGen's generated Forward
/// against ONNX Runtime on the same graph and weights, each with one and with two threads.
/// </summary>
[MemoryDiagnoser]
public class W7aCnnForward
{
    private readonly FashionCnn _network = new();
    private readonly float[] _input = W7Cnn.Images(1, seed: 701);
    private readonly float[] _output = new float[FashionCnn.OutputSize];
    private OnnxRuntimeCnn? _ortOne, _ortTwo;

    /// <summary>Non-zero biases, ONNX Runtime sessions on the same parameters, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        W8TcnForward.RandomizeBiases(_network, seed: 702);
        _ortOne = new OnnxRuntimeCnn(_network, threads: 1);
        _ortTwo = new OnnxRuntimeCnn(_network, threads: 2);
        foreach (OnnxRuntimeCnn ort in new[] { _ortOne, _ortTwo })
        {
            _input.CopyTo(ort.Input);
            ort.Run();
            Generated();
            Agreement.Check($"W7a forward output, ONNX Runtime with {ort.Threads} thread(s)", _output, ort.Output);
        }
    }

    /// <summary>Frees the sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ortOne?.Dispose();
        _ortTwo?.Dispose();
    }

    /// <summary>NetGen's generated Forward: Conv2's product (0.9 M multiply-adds) is shared with the second core.</summary>
    [Benchmark(Baseline = true)]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>The same on one core (<see cref="SecondCore.Enabled"/> off).</summary>
    [Benchmark]
    public float GeneratedOneCore()
    {
        SecondCore.Enabled = false;
        try
        {
            return Generated();
        }
        finally
        {
            SecondCore.Enabled = true;
        }
    }

    /// <summary>ONNX Runtime, one intra-op thread, input and output bound once.</summary>
    [Benchmark]
    public float OnnxRuntimeOneThread()
    {
        _ortOne!.Run();
        return _ortOne.Output[0];
    }

    /// <summary>ONNX Runtime, two intra-op threads.</summary>
    [Benchmark]
    public float OnnxRuntimeTwoThreads()
    {
        _ortTwo!.Run();
        return _ortTwo.Output[0];
    }
}
