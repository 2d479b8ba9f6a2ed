using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction and optional L2 weight decay, as <c>torch.optim.Adam</c>
/// (g ← g + λ·p on decayed weights, before the moments). <see cref="AdamW"/> decouples the decay instead.
/// </summary>
public class Adam : Optimizer, ILearningRateOptimizer
{
    private float[] _firstMoment = [], _secondMoment = [];
    private double _beta1Power = 1, _beta2Power = 1;

    /// <summary>Creates the optimizer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The learning rate or epsilon is not positive and finite, a beta is not in [0, 1), or the weight decay is negative or not finite.
    /// </exception>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    {
        LearningRate = Check(learningRate, 0f, float.MaxValue, nameof(learningRate), exclusiveMin: true);
        Beta1 = Check(beta1, 0f, 1f, nameof(beta1));
        Beta2 = Check(beta2, 0f, 1f, nameof(beta2));
        if (beta1 >= 1f) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Must be in [0, 1).");
        if (beta2 >= 1f) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Must be in [0, 1).");
        Epsilon = Check(epsilon, 0f, float.MaxValue, nameof(epsilon), exclusiveMin: true);
        WeightDecay = Check(weightDecay, 0f, float.MaxValue, nameof(weightDecay));
    }

    /// <summary>Step size (positive when constructed); settable between steps, as a schedule does, to any finite value from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get;
        set => field = Check(value, 0f, float.MaxValue, nameof(LearningRate));
    }
    /// <summary>Decay of the first-moment estimate.</summary>
    public float Beta1 { get; }
    /// <summary>Decay of the second-moment estimate.</summary>
    public float Beta2 { get; }
    /// <summary>Added to √v̂ for numerical stability.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// Weight decay λ (PyTorch's <c>weight_decay</c>): for <see cref="Adam"/> an L2 penalty, λ·p added to the gradient
    /// of each decayed parameter before the moments; for <see cref="AdamW"/> decoupled, p ← p − lr·λ·p before the Adam
    /// update. Which parameters decay: see <see cref="Optimizer.DecayAllParameters"/> and <see cref="Optimizer.UseLayout"/>.
    /// </summary>
    public float WeightDecay { get; }

    /// <summary>Whether the decay is decoupled from the gradient (AdamW) rather than added to it (L2).</summary>
    private protected virtual bool DecoupledDecay => false;

    /// <inheritdoc/>
    private protected override bool DecaysWeights => WeightDecay > 0f;

    /// <inheritdoc/>
    protected override IEnumerable<string> StateTensorNames => ["exp_avg", "exp_avg_sq"];

    /// <inheritdoc/>
    protected override IEnumerable<string> StateScalarNames => ["beta1_power", "beta2_power"];

    /// <inheritdoc/>
    protected override void WriteState(IDictionary<string, float[]> tensors, IDictionary<string, double> scalars)
    {
        tensors["exp_avg"] = (float[])_firstMoment.Clone();
        tensors["exp_avg_sq"] = (float[])_secondMoment.Clone();
        scalars["beta1_power"] = _beta1Power;
        scalars["beta2_power"] = _beta2Power;
    }

    /// <inheritdoc/>
    protected override string? CheckStateValues(OptimizerState state)
    {
        foreach (string name in (string[])["beta1_power", "beta2_power"])
            if (state.Scalars[name] is < 0 or > 1) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Scalar '{name}' is {state.Scalars[name]}; a power of a beta lies in [0, 1].");
        foreach (float v in state.Tensors["exp_avg_sq"])
            if (v < 0f) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Tensor 'exp_avg_sq' holds {v}; a second moment is never negative.");
        return null;
    }

    /// <inheritdoc/>
    protected override void ReadState(OptimizerState state)
    {
        state.Tensors["exp_avg"].CopyTo(_firstMoment, 0);
        state.Tensors["exp_avg_sq"].CopyTo(_secondMoment, 0);
        _beta1Power = state.Scalars["beta1_power"];
        _beta2Power = state.Scalars["beta2_power"];
    }

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _firstMoment = new float[parameterCount];
        _secondMoment = new float[parameterCount];
        _beta1Power = _beta2Power = 1;
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float gradientScale)
    {
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;
        // A decayed run either adds λ·p to its gradient (L2) or first shrinks by 1 − lr·λ (decoupled); the others neither.
        float l2 = DecoupledDecay ? 0f : WeightDecay, shrink = DecoupledDecay ? 1f - LearningRate * WeightDecay : 1f;
        int next = 0;
        foreach (WeightDecayRanges.Range range in DecayedRanges(parameters.Length))
        {
            UpdateRun(parameters, gradients, gradientScale, next, range.Start, 0f, 1f);
            UpdateRun(parameters, gradients, gradientScale, range.Start, range.Start + range.Length, l2, shrink);
            next = range.Start + range.Length;
        }
        UpdateRun(parameters, gradients, gradientScale, next, parameters.Length, 0f, 1f);
    }

    // Parameters [start, end): g = s·g + l2·p; the moments; p = shrink·p − lr/(1−β₁ᵗ)·m / (√v/√(1−β₂ᵗ) + ε).
    private void UpdateRun(Span<float> parameters, ReadOnlySpan<float> gradients, float gradientScale, int start, int end, float l2, float shrink)
    {
        float stepSize = (float)(LearningRate / (1 - _beta1Power));
        float inverseSecondCorrection = (float)(1 / Math.Sqrt(1 - _beta2Power));
        float beta1 = Beta1, beta2 = Beta2, epsilon = Epsilon;
        Span<float> m = _firstMoment, v = _secondMoment;
        for (int i = start; i < end; i++)
        {
            float g = gradients[i] * gradientScale + l2 * parameters[i];
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            parameters[i] = shrink * parameters[i] - stepSize * m[i] / (MathF.Sqrt(v[i]) * inverseSecondCorrection + epsilon);
        }
    }
}
