using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics.Tensors;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Stochastic gradient descent with optional momentum and L2 weight decay, as <c>torch.optim.SGD</c>
/// (g ← g + λ·p on decayed weights; v = μ·v + g; p −= lr·v).
/// </summary>
public sealed class Sgd : Optimizer, ILearningRateOptimizer
{
    private float[] _velocity = [];

    /// <summary>Creates the optimizer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not positive and finite, the momentum not in [0, 1), or the weight decay negative or not finite.</exception>
    public Sgd(float learningRate, float momentum = 0f, float weightDecay = 0f)
    {
        LearningRate = Check(learningRate, 0f, float.MaxValue, nameof(learningRate), exclusiveMin: true);
        Momentum = Check(momentum, 0f, 1f, nameof(momentum));
        if (momentum >= 1f) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Must be in [0, 1).");
        WeightDecay = Check(weightDecay, 0f, float.MaxValue, nameof(weightDecay));
    }

    /// <summary>Step size (positive when constructed); settable between steps, as a schedule does, to any finite value from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get;
        set => field = Check(value, 0f, float.MaxValue, nameof(LearningRate));
    }

    /// <summary>Momentum factor μ (0: plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>
    /// L2 penalty λ (PyTorch's <c>weight_decay</c>, default 0): λ·p is added to the gradient of each decayed parameter
    /// before momentum. Which parameters decay: see <see cref="Optimizer.DecayAllParameters"/> and <see cref="Optimizer.UseLayout"/>.
    /// </summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    private protected override bool DecaysWeights => WeightDecay > 0f;

    /// <summary>
    /// For generated <c>TrainStep</c> code. Plain SGD (no momentum, no clipping) changes each weight by −lr·gradient
    /// alone, so generated code can apply it to a layer in the same sweep that writes the layer's gradient, instead of
    /// a second pass over every parameter. When that holds, this records the step as <see cref="Optimizer.Step"/> would
    /// (<see cref="Optimizer.StepCount"/>, the one-network check, <see cref="Optimizer.LastGradientNorm"/> NaN) and returns
    /// the step to apply: −<see cref="LearningRate"/>, and with weight decay the factor 1 − lr·λ that shrinks each decayed
    /// weight first (p − lr·(g + λ·p) = (1 − lr·λ)·p − lr·g, applied once the backward pass has read the old weights);
    /// otherwise it returns the default step (nothing to apply) and changes nothing, and the caller calls Step.
    /// The parameters end bit-for-bit as Step would leave them.
    /// </summary>
    /// <exception cref="ArgumentException">This optimizer was first used with a different number of parameters.</exception>
    /// <exception cref="InvalidOperationException">Weight decay is set but the optimizer knows no layout (see <see cref="Optimizer.UseLayout"/>).</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public FusedStep BeginFusedStep(int parameterCount)
    {
        if (Momentum != 0f || MaxGradientNorm is not null) return default;
        CountStep(parameterCount);
        float decay = DecayFactor;
        return new FusedStep(-LearningRate, decay, DecayAllParameters ? decay : 1f);
    }

    /// <summary>1 − lr·λ: what a step without momentum multiplies a decayed weight by before adding −lr·g.</summary>
    private float DecayFactor => 1f - LearningRate * WeightDecay;

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _velocity = Momentum > 0f ? new float[parameterCount] : [];
    }

    /// <inheritdoc/>
    protected override IEnumerable<string> StateTensorNames => Momentum > 0f ? ["momentum_buffer"] : [];

    /// <inheritdoc/>
    protected override void WriteState(IDictionary<string, float[]> tensors, IDictionary<string, double> scalars)
    {
        if (Momentum > 0f) tensors["momentum_buffer"] = (float[])_velocity.Clone();
    }

    /// <inheritdoc/>
    protected override void ReadState(OptimizerState state)
    {
        if (Momentum > 0f) state.Tensors["momentum_buffer"].CopyTo(_velocity, 0);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float gradientScale)
    {
        ReadOnlySpan<WeightDecayRanges.Range> decayed = DecayedRanges(parameters.Length);
        if (Momentum == 0f)
        {
            // p − lr·(g + λ·p) = (1 − lr·λ)·p − lr·g in one sweep, the kernel the fused step uses (BeginFusedStep), so both give the same bits.
            float step = -LearningRate * gradientScale;
            int next = 0;
            foreach (WeightDecayRanges.Range range in decayed)
            {
                Kernels.MultiplyAdd(parameters[next..range.Start], gradients[next..range.Start], step);
                Kernels.MultiplyAdd(parameters.Slice(range.Start, range.Length), gradients.Slice(range.Start, range.Length), step, DecayFactor);
                next = range.Start + range.Length;
            }
            Kernels.MultiplyAdd(parameters[next..], gradients[next..], step); // 512-bit where the runtime's own choice would be 256
            return;
        }
        Span<float> velocity = _velocity;
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradients, gradientScale, velocity, velocity);
        foreach (WeightDecayRanges.Range range in decayed) // v += λ·p, the L2 term of the gradient, before p moves
        {
            Span<float> v = velocity.Slice(range.Start, range.Length);
            TensorPrimitives.MultiplyAdd(parameters.Slice(range.Start, range.Length), WeightDecay, v, v);
        }
        TensorPrimitives.MultiplyAdd(velocity, -LearningRate, parameters, parameters);
    }
}
