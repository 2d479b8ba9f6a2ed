using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W2: one sample forward through 784-128-10, ReLU hidden layer, softmax output. The baseline is the strongest
/// hand-written C# (<see cref="BroadcastMnistMlp"/>).
/// </summary>
[MemoryDiagnoser]
public class W2ForwardMnist
{
    private readonly MnistMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Relu784x128x10();
    private readonly SimdMnistMlp _simd = new();
    private readonly BroadcastMnistMlp _best = new();
    private MnistMlp.Inference? _inference;
    private OnnxRuntimeNetwork? _ort;
    private readonly float[] _input = Data.Uniform(MnistMlp.InputSize, seed: 201, min: 0f, max: 1f);
    private readonly float[] _output = new float[MnistMlp.OutputSize];
    private readonly float[] _plainOutput = new float[MnistMlp.OutputSize];
    private readonly float[] _simdOutput = new float[MnistMlp.OutputSize];

    /// <summary>Same weights on every side, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _plain.LoadParameters(_network.Parameters);
        _simd.LoadParameters(_network.Parameters);
        _network.Forward(_input, _output);
        _plain.Forward(_input, _plainOutput);
        Agreement.Check("W2 forward output, plain loop", _output, _plainOutput);
        _simd.Forward(_input, _simdOutput);
        Agreement.Check("W2 forward output, hand SIMD", _output, _simdOutput);
        _best.LoadParameters(_network.Parameters);
        _best.Forward(_input, _simdOutput);
        Agreement.Check("W2 forward output, hand best (transposed, broadcast)", _output, _simdOutput);
        _inference = _network.ToInference();
        _inference.Forward(_input, _simdOutput);
        Agreement.Check("W2 forward output, NetGen's inference form", _output, _simdOutput);
        _ort = new OnnxRuntimeNetwork(_network, 1, MnistMlp.InputSize);
        _input.CopyTo(_ort.Input);
        _ort.RunBound();
        Agreement.Check("W2 forward output, ONNX Runtime (IOBinding)", _output, _ort.Output);
        _ort.RunNamed(_input, _simdOutput);
        Agreement.Check("W2 forward output, ONNX Runtime (NamedOnnxValue)", _output, _simdOutput);
    }

    /// <summary>Frees the ONNX Runtime session and deletes its model file.</summary>
    [GlobalCleanup]
    public void Cleanup() => _ort?.Dispose();

    /// <summary>The strongest hand-written C#: transposed weights, inputs broadcast against output vectors (<see cref="BroadcastMnistMlp"/>).</summary>
    [Benchmark(Baseline = true)]
    public float HandBest()
    {
        _best.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark]
    public float PlainLoop()
    {
        _plain.Forward(_input, _plainOutput);
        return _plainOutput[0];
    }

    /// <summary>NetGen's inference form (<c>ToInference()</c>: weights packed [in, out]).</summary>
    [Benchmark]
    public float Inference()
    {
        (_inference ?? throw new InvalidOperationException("Setup did not run.")).Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>Hand-written Vector512/Vector256 (<see cref="SimdMnistMlp"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _simdOutput);
        return _simdOutput[0];
    }

    /// <summary>ONNX Runtime, one thread, its fastest call path: input and output bound once, <c>RunWithBinding</c>.</summary>
    [Benchmark]
    public float OnnxRuntimeBinding()
    {
        _ort!.RunBound();
        return _ort.Output[0];
    }

    /// <summary>ONNX Runtime, one thread, its convenient call path: a <c>NamedOnnxValue</c> per call.</summary>
    [Benchmark]
    public float OnnxRuntimeNamedValue()
    {
        _ort!.RunNamed(_input, _simdOutput);
        return _simdOutput[0];
    }
}
