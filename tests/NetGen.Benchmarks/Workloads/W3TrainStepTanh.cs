using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>W3: one online SGD step (forward, MSE backward, update) on 32-64-64-8 tanh.</summary>
[MemoryDiagnoser]
public class W3TrainStepTanh
{
    private const float LearningRate = 0.01f;
    private readonly TanhMlp _network = new();
    private readonly PlainMlp _plain = PlainNetworks.Tanh32x64x64x8();
    private readonly SimdTanhMlp _simd = new();
    private FannMlp? _fann;
    private PlainCMlp? _c, _cFastMath;
    private readonly Sgd _optimizer = new(LearningRate);
    private readonly float[] _input = Data.Uniform(TanhMlp.InputSize, seed: 301);
    private readonly float[] _target = Data.Uniform(TanhMlp.OutputSize, seed: 302);

    /// <summary>
    /// Same weights on every side; the self-check takes three steps on each from the same start and compares
    /// each step's loss, gradients (FANN keeps none to compare) and updated parameters with the generated code's.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        if (FannLibrary.IsAvailable) _fann = new FannMlp([32, 64, 64, 8], LearningRate);
        else Agreement.Log?.Invoke("  " + FannLibrary.Description);
        if (PlainCLibrary.Strict.IsAvailable) _c = new PlainCMlp(PlainCLibrary.Strict);
        else Agreement.Log?.Invoke("  " + PlainCLibrary.Strict.Description);
        if (PlainCLibrary.FastMath.IsAvailable) _cFastMath = new PlainCMlp(PlainCLibrary.FastMath);
        else Agreement.Log?.Invoke("  " + PlainCLibrary.FastMath.Description);

        float[] start = _network.Parameters.ToArray();
        _plain.LoadParameters(start);
        _simd.LoadParameters(start);
        _fann?.LoadParameters(start);
        if (_c is not null) start.CopyTo(_c.Parameters);
        if (_cFastMath is not null) start.CopyTo(_cFastMath.Parameters);

        var parameters = new float[TanhMlp.ParameterCount];
        var gradients = new float[TanhMlp.ParameterCount];
        for (int step = 1; step <= 3; step++)
        {
            float loss = _network.TrainStep(_input, _target, _optimizer);

            float plainLoss = _plain.TrainStep(_input, _target, LearningRate);
            Agreement.Check($"W3 step {step} loss, plain loop", loss, plainLoss);
            _plain.CopyGradientsTo(gradients);
            Agreement.Check($"W3 step {step} gradients, plain loop", _network.Gradients, gradients);
            _plain.CopyParametersTo(parameters);
            Agreement.Check($"W3 step {step} parameters, plain loop", _network.Parameters, parameters);

            Agreement.Check($"W3 step {step} loss, hand SIMD", loss, _simd.TrainStep(_input, _target, LearningRate));
            Agreement.Check($"W3 step {step} gradients, hand SIMD", _network.Gradients, _simd.Gradients);
            Agreement.Check($"W3 step {step} parameters, hand SIMD", _network.Parameters, _simd.Parameters);

            if (_fann is not null)
            {
                Agreement.Check($"W3 step {step} loss, FANN (η = {_fann.FannLearningRate})", loss, _fann.TrainStepWithLoss(_input, _target));
                _fann.CopyParametersTo(parameters);
                Agreement.Check($"W3 step {step} parameters, FANN", _network.Parameters, parameters);
            }

            foreach ((PlainCMlp? c, string name) in new[] { (_c, "plain C"), (_cFastMath, "plain C -ffast-math") })
            {
                if (c is null) continue;
                Agreement.Check($"W3 step {step} loss, {name}", loss, c.TrainStep(_input, _target, LearningRate));
                Agreement.Check($"W3 step {step} gradients, {name}", _network.Gradients, c.Gradients);
                Agreement.Check($"W3 step {step} parameters, {name}", _network.Parameters, c.Parameters);
            }
        }
        // Every side continues from the generated network's parameters.
        _plain.LoadParameters(_network.Parameters);
        _simd.LoadParameters(_network.Parameters);
        _fann?.LoadParameters(_network.Parameters);
        if (_c is not null) _network.Parameters.CopyTo(_c.Parameters);
        if (_cFastMath is not null) _network.Parameters.CopyTo(_cFastMath.Parameters);
    }

    /// <summary>Frees the native networks.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _fann?.Dispose();
        _c?.Dispose();
        _cFastMath?.Dispose();
    }

    /// <summary>Hand-written scalar loops.</summary>
    [Benchmark(Baseline = true)]
    public float PlainLoop() => _plain.TrainStep(_input, _target, LearningRate);

    /// <summary>NetGen's generated TrainStep with <c>new Sgd(0.01f)</c>.</summary>
    [Benchmark]
    public float Generated() => _network.TrainStep(_input, _target, _optimizer);

    /// <summary>Hand-written Vector512/Vector256 with the fused backward + update (<see cref="SimdTanhMlp"/>).</summary>
    [Benchmark]
    public float HandSimd() => _simd.TrainStep(_input, _target, LearningRate);

    /// <summary>FANN 2.2's fann_train (one incremental step), through P/Invoke.</summary>
    [Benchmark]
    public void Fann() => (_fann ?? throw new InvalidOperationException(FannLibrary.Description)).TrainStep(_input, _target);

    /// <summary>Native/w3_plain.c's train step (gcc -O3 -march=native), through P/Invoke.</summary>
    [Benchmark]
    public float PlainC() => (_c ?? throw new InvalidOperationException(PlainCLibrary.Strict.Description)).TrainStep(_input, _target, LearningRate);

    /// <summary>The same C compiled with -ffast-math as well.</summary>
    [Benchmark]
    public float PlainCFastMath() => (_cFastMath ?? throw new InvalidOperationException(PlainCLibrary.FastMath.Description)).TrainStep(_input, _target, LearningRate);
}
