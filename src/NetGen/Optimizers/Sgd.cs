using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Numerics.Tensors;
using NetGen.Numerics;

namespace NetGen;

/// <summary>Stochastic gradient descent with optional momentum, as <c>torch.optim.SGD</c> (v = μ·v + g; p −= lr·v).</summary>
public sealed class Sgd : Optimizer
{
    private float[] _velocity = [];

    /// <summary>Creates the optimizer.</summary>
    public Sgd(float learningRate, float momentum = 0f)
    {
        LearningRate = Check(learningRate, 0f, float.MaxValue, nameof(learningRate), exclusiveMin: true);
        Momentum = Check(momentum, 0f, 1f, nameof(momentum));
        if (momentum >= 1f) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Must be in [0, 1).");
    }

    /// <summary>Step size.</summary>
    public float LearningRate { get; }

    /// <summary>Momentum factor μ (0: plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>
    /// For generated <c>TrainStep</c> code. Plain SGD (no momentum, no clipping) changes each weight by −lr·gradient
    /// alone, so generated code can apply it to a layer in the same sweep that writes the layer's gradient, instead of
    /// a second pass over every parameter. When that holds, this records the step as <see cref="Optimizer.Step"/> would
    /// (<see cref="Optimizer.StepCount"/>, the one-network check, <see cref="Optimizer.LastGradientNorm"/> NaN) and returns
    /// −<see cref="LearningRate"/>, the factor to apply; otherwise it returns 0 and changes nothing, and the caller calls Step.
    /// The parameters end bit-for-bit as Step would leave them.
    /// </summary>
    /// <exception cref="ArgumentException">This optimizer was first used with a different number of parameters.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public float BeginFusedStep(int parameterCount)
    {
        if (Momentum != 0f || MaxGradientNorm is not null) return 0f;
        CountStep(parameterCount);
        return -LearningRate;
    }

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
        if (Momentum == 0f)
        {
            Kernels.MultiplyAdd(parameters, gradients, -LearningRate * gradientScale); // 512-bit where the runtime's own choice would be 256
            return;
        }
        Span<float> velocity = _velocity;
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradients, gradientScale, velocity, velocity);
        TensorPrimitives.MultiplyAdd(velocity, -LearningRate, parameters, parameters);
    }
}
