using System;
using System.Numerics.Tensors;

namespace NetGen;

/// <summary>
/// Shared behaviour of the built-in optimizers: argument checks, optional clipping of the global
/// gradient norm (as <c>torch.nn.utils.clip_grad_norm_</c>), and state sized on the first step.
/// An optimizer instance keeps per-parameter state, so it serves one network.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private int _parameterCount = -1;

    /// <summary>When set, gradients whose global L2 norm exceeds it are scaled down to it before the update.</summary>
    public float? MaxGradientNorm
    {
        get;
        set => field = value is null || (value > 0f && float.IsFinite(value.Value))
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), value, "Must be a positive finite number, or null to turn clipping off.");
    }

    /// <summary>
    /// With <see cref="MaxGradientNorm"/> set: the global L2 norm of the gradients seen by the last
    /// <see cref="Step"/>, before clipping. NaN while clipping is off, which spares a pass over every gradient.
    /// </summary>
    public float LastGradientNorm { get; private set; } = float.NaN;

    /// <summary>Number of steps taken.</summary>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (gradients.Length != parameters.Length)
            throw new ArgumentException($"Expected {parameters.Length} gradients (one per parameter), got {gradients.Length}.", nameof(gradients));
        CountStep(parameters.Length);
        float scale = 1f;
        if (MaxGradientNorm is float max)
        {
            float norm = TensorPrimitives.Norm(gradients);
            LastGradientNorm = norm;
            if (norm > max) scale = max / (norm + 1e-6f);
        }
        Update(parameters, gradients, scale);
    }

    /// <summary>
    /// The bookkeeping of a step: state allocated on the first one, one network per optimizer, <see cref="StepCount"/>,
    /// <see cref="LastGradientNorm"/> NaN until clipping measures it.
    /// Also used by an update that generated code fuses into its backward pass (<see cref="Sgd.BeginFusedStep"/>).
    /// </summary>
    private protected void CountStep(int parameterCount)
    {
        if (_parameterCount < 0)
        {
            _parameterCount = parameterCount;
            AllocateState(parameterCount);
        }
        else if (_parameterCount != parameterCount)
            throw new ArgumentException($"This optimizer was first used with {Counted.Of(_parameterCount, "parameter")} and now sees {parameterCount}: use one optimizer per network.", "parameters");
        StepCount++;
        LastGradientNorm = float.NaN;
    }

    /// <summary>Allocates per-parameter state once, on the first step.</summary>
    protected abstract void AllocateState(int parameterCount);

    /// <summary>Applies the update with the gradients multiplied by <paramref name="gradientScale"/> (clipping).</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float gradientScale);

    /// <summary>Throws unless <paramref name="value"/> is finite and within [min, max] (or (min, max] when <paramref name="exclusiveMin"/>).</summary>
    protected static float Check(float value, float min, float max, string name, bool exclusiveMin = false)
    {
        bool ok = float.IsFinite(value) && (exclusiveMin ? value > min : value >= min) && value <= max;
        return ok ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be finite and in {(exclusiveMin ? "(" : "[")}{min}, {max}].");
    }
}
