using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Adam (Kingma &amp; Ba 2015) with bias correction, as <c>torch.optim.Adam</c>.</summary>
public sealed class Adam : Optimizer
{
    private float[] _firstMoment = [], _secondMoment = [];
    private double _beta1Power = 1, _beta2Power = 1;

    /// <summary>Creates the optimizer.</summary>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        LearningRate = Check(learningRate, 0f, float.MaxValue, nameof(learningRate), exclusiveMin: true);
        Beta1 = Check(beta1, 0f, 1f, nameof(beta1));
        Beta2 = Check(beta2, 0f, 1f, nameof(beta2));
        if (beta1 >= 1f) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Must be in [0, 1).");
        if (beta2 >= 1f) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Must be in [0, 1).");
        Epsilon = Check(epsilon, 0f, float.MaxValue, nameof(epsilon), exclusiveMin: true);
    }

    /// <summary>Step size.</summary>
    public float LearningRate { get; }
    /// <summary>Decay of the first-moment estimate.</summary>
    public float Beta1 { get; }
    /// <summary>Decay of the second-moment estimate.</summary>
    public float Beta2 { get; }
    /// <summary>Added to √v̂ for numerical stability.</summary>
    public float Epsilon { get; }

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
        float stepSize = (float)(LearningRate / (1 - _beta1Power));
        float inverseSecondCorrection = (float)(1 / Math.Sqrt(1 - _beta2Power));
        float beta1 = Beta1, beta2 = Beta2, epsilon = Epsilon;
        Span<float> m = _firstMoment, v = _secondMoment;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i] * gradientScale;
            m[i] = beta1 * m[i] + (1f - beta1) * g;
            v[i] = beta2 * v[i] + (1f - beta2) * g * g;
            parameters[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) * inverseSecondCorrection + epsilon);
        }
    }
}
