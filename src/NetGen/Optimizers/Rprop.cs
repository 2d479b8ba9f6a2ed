using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Resilient backpropagation (Riedmiller &amp; Braun 1993) in the iRprop− form (Igel &amp; Hüsken 2000): each
/// parameter has its own step size, and only the sign of its gradient is used. While the sign stays the same
/// the step grows by <see cref="EtaPlus"/>; when it flips, a minimum was jumped over, so the step shrinks by
/// <see cref="EtaMinus"/> and that gradient is treated as zero (no move now, and no sign to compare next time).
/// Steps stay within [<see cref="MinStep"/>, <see cref="MaxStep"/>].
/// </summary>
/// <remarks>
/// Rprop is a full-batch method: its sign comparisons assume that successive gradients are of the same
/// function, which minibatch noise breaks. <see cref="Trainer"/> therefore steps it on the whole training set.
/// Because only signs matter, <see cref="Optimizer.MaxGradientNorm"/> changes nothing in the update; it still
/// reports <see cref="Optimizer.LastGradientNorm"/>.
/// </remarks>
public sealed class Rprop : Optimizer
{
    private float[] _steps = [];
    private sbyte[] _previousSigns = [];

    /// <summary>
    /// Creates the optimizer with the paper's defaults (<c>torch.optim.Rprop</c> has the same factors and bounds
    /// but starts every step at 0.01).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A factor or step is outside its range (see each property).</exception>
    public Rprop(float etaPlus = 1.2f, float etaMinus = 0.5f, float initialStep = 0.1f, float minStep = 1e-6f, float maxStep = 50f)
    {
        EtaPlus = Check(etaPlus, 1f, float.MaxValue, nameof(etaPlus), exclusiveMin: true);
        EtaMinus = Check(etaMinus, 0f, 1f, nameof(etaMinus), exclusiveMin: true);
        if (etaMinus >= 1f) throw new ArgumentOutOfRangeException(nameof(etaMinus), etaMinus, "Must be in (0, 1).");
        MinStep = Check(minStep, 0f, float.MaxValue, nameof(minStep), exclusiveMin: true);
        MaxStep = Check(maxStep, minStep, float.MaxValue, nameof(maxStep));
        InitialStep = Check(initialStep, minStep, maxStep, nameof(initialStep));
    }

    /// <summary>Growth factor of a step while its gradient keeps its sign (η+ &gt; 1).</summary>
    public float EtaPlus { get; }

    /// <summary>Shrink factor of a step when its gradient changes sign (0 &lt; η− &lt; 1).</summary>
    public float EtaMinus { get; }

    /// <summary>Every step size before the first update, within [<see cref="MinStep"/>, <see cref="MaxStep"/>].</summary>
    public float InitialStep { get; }

    /// <summary>Lower bound of a step size (positive).</summary>
    public float MinStep { get; }

    /// <summary>Upper bound of a step size (at least <see cref="MinStep"/>).</summary>
    public float MaxStep { get; }

    /// <summary>The current step size of each parameter (empty before the first step).</summary>
    public ReadOnlySpan<float> StepSizes => _steps;

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _steps = new float[parameterCount];
        _steps.AsSpan().Fill(InitialStep);
        _previousSigns = new sbyte[parameterCount];
    }

    /// <inheritdoc/>
    protected override IEnumerable<string> StateTensorNames => ["step_size", "prev_sign"];

    /// <inheritdoc/>
    protected override void WriteState(IDictionary<string, float[]> tensors, IDictionary<string, double> scalars)
    {
        tensors["step_size"] = (float[])_steps.Clone();
        var signs = new float[_previousSigns.Length];
        for (int i = 0; i < signs.Length; i++) signs[i] = _previousSigns[i];
        tensors["prev_sign"] = signs;
    }

    /// <inheritdoc/>
    protected override string? CheckStateValues(OptimizerState state)
    {
        foreach (float step in state.Tensors["step_size"])
            if (!(step > 0f)) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Tensor 'step_size' holds {step}; a step size is positive.");
        foreach (float sign in state.Tensors["prev_sign"])
            if (sign is not (-1f or 0f or 1f)) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Tensor 'prev_sign' holds {sign}; a sign is -1, 0 or 1.");
        return null;
    }

    /// <inheritdoc/>
    protected override void ReadState(OptimizerState state)
    {
        state.Tensors["step_size"].CopyTo(_steps, 0);
        float[] signs = state.Tensors["prev_sign"];
        for (int i = 0; i < signs.Length; i++) _previousSigns[i] = (sbyte)signs[i];
    }

    /// <inheritdoc/>
    /// <remarks>The clipping scale is positive and cannot change a sign, so it is not applied.</remarks>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float gradientScale)
    {
        Span<float> steps = _steps;
        Span<sbyte> previousSigns = _previousSigns;
        float etaPlus = EtaPlus, etaMinus = EtaMinus, minStep = MinStep, maxStep = MaxStep;
        for (int i = 0; i < parameters.Length; i++)
        {
            // A NaN gradient compares false both ways: sign 0, no move.
            float g = gradients[i];
            int sign = g > 0f ? 1 : g < 0f ? -1 : 0;
            int agreement = sign * previousSigns[i];
            if (agreement > 0) steps[i] = MathF.Min(steps[i] * etaPlus, maxStep);
            else if (agreement < 0)
            {
                steps[i] = MathF.Max(steps[i] * etaMinus, minStep);
                sign = 0; // iRprop−: forget this gradient, so the next step neither grows nor shrinks
            }
            parameters[i] -= sign * steps[i];
            previousSigns[i] = (sbyte)sign;
        }
    }
}
