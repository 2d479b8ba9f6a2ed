using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// W1: one sample forward through 32-64-64-8, tanh hidden layers, linear output. The baseline is the strongest
/// hand-written C# (<see cref="BroadcastTanhMlp"/>), so a ratio ≤ 1 means as fast as the best hand code.
/// </summary>
[MemoryDiagnoser]
public class W1ForwardTanh
{
    private readonly TanhMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Tanh32x64x64x8();
    private readonly SimdTanhMlp _simd = new();
    private readonly BroadcastTanhMlp _best = new();
    private TanhMlp.Inference? _inference;
    private OnnxRuntimeNetwork? _ort;
    private FannMlp? _fann;
    private PlainCMlp? _c, _cFastMath;
    private readonly float[] _input = Data.Uniform(TanhMlp.InputSize, seed: 101);
    private readonly float[] _output = new float[TanhMlp.OutputSize];
    private readonly float[] _plainOutput = new float[TanhMlp.OutputSize];
    private readonly float[] _otherOutput = new float[TanhMlp.OutputSize];

    /// <summary>Same weights on every side, then the self-check.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network.Forward(_input, _output);
        _plain.LoadParameters(_network.Parameters);
        _plain.Forward(_input, _plainOutput);
        Agreement.Check("W1 forward output, plain loop", _output, _plainOutput);
        _simd.LoadParameters(_network.Parameters);
        _simd.Forward(_input, _otherOutput);
        Agreement.Check("W1 forward output, hand SIMD", _output, _otherOutput);
        _best.LoadParameters(_network.Parameters);
        _best.Forward(_input, _otherOutput);
        Agreement.Check("W1 forward output, hand best (transposed, broadcast)", _output, _otherOutput);
        _inference = _network.ToInference();
        _inference.Forward(_input, _otherOutput);
        Agreement.Check("W1 forward output, NetGen's inference form", _output, _otherOutput);
        _ort = new OnnxRuntimeNetwork(_network, 1, TanhMlp.InputSize);
        _input.CopyTo(_ort.Input);
        _ort.RunBound();
        Agreement.Check("W1 forward output, ONNX Runtime (IOBinding)", _output, _ort.Output);
        _ort.RunNamed(_input, _otherOutput);
        Agreement.Check("W1 forward output, ONNX Runtime (NamedOnnxValue)", _output, _otherOutput);
        if (FannLibrary.IsAvailable)
        {
            _fann = new FannMlp([32, 64, 64, 8], learningRate: 0.01f);
            _fann.LoadParameters(_network.Parameters);
            _fann.Forward(_input, _otherOutput);
            Agreement.Check("W1 forward output, FANN", _output, _otherOutput);
        }
        else Agreement.Log?.Invoke("  " + FannLibrary.Description);
        _c = CreatePlainC(PlainCLibrary.Strict, "plain C");
        _cFastMath = CreatePlainC(PlainCLibrary.FastMath, "plain C -ffast-math");
    }

    private PlainCMlp? CreatePlainC(PlainCLibrary library, string name)
    {
        if (!library.IsAvailable)
        {
            Agreement.Log?.Invoke("  " + library.Description);
            return null;
        }
        var c = new PlainCMlp(library);
        _network.Parameters.CopyTo(c.Parameters);
        c.Forward(_input, _otherOutput);
        Agreement.Check($"W1 forward output, {name}", _output, _otherOutput);
        return c;
    }

    /// <summary>Frees the native networks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ort?.Dispose();
        _fann?.Dispose();
        _c?.Dispose();
        _cFastMath?.Dispose();
    }

    /// <summary>The strongest hand-written C#: transposed weights, inputs broadcast against output vectors (<see cref="BroadcastTanhMlp"/>).</summary>
    [Benchmark(Baseline = true)]
    public float HandBest()
    {
        _best.Forward(_input, _otherOutput);
        return _otherOutput[0];
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
        (_inference ?? throw new InvalidOperationException("Setup did not run.")).Forward(_input, _otherOutput);
        return _otherOutput[0];
    }

    /// <summary>NetGen's generated Forward.</summary>
    [Benchmark]
    public float Generated()
    {
        _network.Forward(_input, _output);
        return _output[0];
    }

    /// <summary>Hand-written Vector512/Vector256 (<see cref="SimdTanhMlp"/>).</summary>
    [Benchmark]
    public float HandSimd()
    {
        _simd.Forward(_input, _otherOutput);
        return _otherOutput[0];
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
        _ort!.RunNamed(_input, _otherOutput);
        return _otherOutput[0];
    }

    /// <summary>FANN 2.2's fann_run, through P/Invoke.</summary>
    [Benchmark]
    public float Fann()
    {
        (_fann ?? throw new InvalidOperationException(FannLibrary.Description)).Forward(_input, _otherOutput);
        return _otherOutput[0];
    }

    /// <summary>Native/w3_plain.c's forward (gcc -O3 -march=native), through P/Invoke.</summary>
    [Benchmark]
    public float PlainC()
    {
        (_c ?? throw new InvalidOperationException(PlainCLibrary.Strict.Description)).Forward(_input, _otherOutput);
        return _otherOutput[0];
    }

    /// <summary>The same C compiled with -ffast-math as well.</summary>
    [Benchmark]
    public float PlainCFastMath()
    {
        (_cFastMath ?? throw new InvalidOperationException(PlainCLibrary.FastMath.Description)).Forward(_input, _otherOutput);
        return _otherOutput[0];
    }
}
