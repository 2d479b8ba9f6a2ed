using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// What weight decay costs an SGD step on 784-128-10 (MnistMlp), one sample (<c>TrainStep</c>) and a batch of 32
/// (<c>TrainBatch</c>): plain SGD (fused into the backward pass, the baseline), SGD with weight decay fused the same way,
/// and the same decay applied by <c>Step</c> after the backward pass (what an optimizer the generated code does not fuse
/// costs: a second sweep over every parameter).
/// </summary>
[MemoryDiagnoser]
public class WeightDecayStep
{
    private const float LearningRate = 0.01f, Decay = 1e-4f;
    private readonly MnistMlp _plain = new(), _fused = new(), _unfused = new();
    private readonly Sgd _plainSgd = new(LearningRate), _fusedSgd = new(LearningRate, weightDecay: Decay), _unfusedSgd = new(LearningRate, weightDecay: Decay);
    private readonly Unfused _afterwards;
    private readonly float[] _inputs = Data.Uniform(32 * 784, seed: 901, min: 0f, max: 1f), _targets = Data.OneHot(32, 10, seed: 902);

    public WeightDecayStep()
    {
        _unfusedSgd.UseLayout(_unfused.Layers);
        _afterwards = new Unfused(_unfusedSgd);
    }

    /// <summary>1 sample (TrainStep) or 32 (TrainBatch).</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    [Benchmark(Baseline = true)]
    public float PlainSgd() => Step(_plain, _plainSgd);

    [Benchmark]
    public float DecayFused() => Step(_fused, _fusedSgd);

    [Benchmark]
    public float DecayAfterBackward() => Step(_unfused, _afterwards);

    private float Step(MnistMlp net, IOptimizer optimizer) => Batch == 1
        ? net.TrainStep(_inputs.AsSpan(0, 784), _targets.AsSpan(0, 10), optimizer)
        : net.TrainBatch(_inputs, _targets, Batch, optimizer);

    /// <summary>Hides the Sgd from the generated code, which then steps it after the backward pass.</summary>
    private sealed class Unfused(Sgd inner) : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => inner.Step(parameters, gradients);
    }
}
