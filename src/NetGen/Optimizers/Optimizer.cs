using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;

namespace NetGen;

/// <summary>
/// Shared behaviour of the built-in optimizers: argument checks, optional clipping of the global
/// gradient norm (as <c>torch.nn.utils.clip_grad_norm_</c>), and state sized on the first step.
/// An optimizer instance keeps per-parameter state, so it serves one network.
/// </summary>
/// <remarks>
/// Weight decay (<see cref="Sgd.WeightDecay"/>, <see cref="Adam.WeightDecay"/>) applies to the weights of layers whose
/// kind decays them, never to biases or normalisation parameters, unless <see cref="DecayAllParameters"/> is set. Which
/// parameters those are comes from the network's layout (<see cref="UseLayout"/>), which the generated
/// <c>TrainStep</c>/<c>TrainBatch</c> and <see cref="Trainer"/> pass on their own.
/// </remarks>
public abstract class Optimizer : IOptimizer
{
    private int _parameterCount = -1;
    private IReadOnlyList<LayerInfo>? _layout;
    private WeightDecayRanges? _decayRanges;
    private WeightDecayRanges.Range[] _allParameters = [];

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

    /// <summary>
    /// Weight decay applies to every parameter, biases and normalisation parameters included (default false: only the
    /// weights of layers whose kind decays them). Needs no layout. Changes nothing in an optimizer without weight decay.
    /// </summary>
    public bool DecayAllParameters { get; set; }

    /// <summary>
    /// Tells the optimizer which parameters are weights, from a network's <see cref="INetwork.Layers"/>: weight decay then
    /// applies to each layer's weight tensors when its kind decays weights (not to biases, nor to a normalisation layer's
    /// scale). The generated <c>TrainStep</c> and <c>TrainBatch</c> and <see cref="Trainer.Train"/> call it; a loop that
    /// calls <see cref="Step"/> itself with weight decay calls it once first. Calling it again with the same list costs nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The layers are empty, or do not lie one after another from parameter 0.</exception>
    public void UseLayout(IReadOnlyList<LayerInfo> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (ReferenceEquals(layers, _layout)) return;
        _decayRanges = WeightDecayRanges.Of(layers);
        _layout = layers;
    }

    /// <summary>Whether this optimizer's settings decay any weight (a positive weight decay).</summary>
    private protected virtual bool DecaysWeights => false;

    /// <summary>
    /// The ranges of the parameters that weight decay applies to, in order, for <paramref name="parameterCount"/> parameters:
    /// none without weight decay, all with <see cref="DecayAllParameters"/>, else the weights of the layout.
    /// </summary>
    private protected ReadOnlySpan<WeightDecayRanges.Range> DecayedRanges(int parameterCount)
    {
        if (!DecaysWeights) return [];
        return DecayAllParameters ? WeightDecayRanges.All(ref _allParameters, parameterCount) : _decayRanges!.Ranges;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The spans differ in length, or do not fit the network this optimizer first served or its layout.</exception>
    /// <exception cref="InvalidOperationException">Weight decay is set but the optimizer does not know which parameters are weights: call <see cref="UseLayout"/> first, or set <see cref="DecayAllParameters"/>.</exception>
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
        CheckDecayLayout(parameterCount);
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

    // Decay needs to know the weights; a layout of another size than the parameters is another network's.
    private void CheckDecayLayout(int parameterCount)
    {
        if (!DecaysWeights || DecayAllParameters) return;
        if (_decayRanges is null)
            throw new InvalidOperationException($"{GetType().Name} has weight decay but does not know which parameters are weights: call UseLayout(network.Layers) once before Step, or set DecayAllParameters = true to decay every parameter.");
        if (_decayRanges.ParameterCount != parameterCount)
            throw new ArgumentException($"The layout given to UseLayout has {Counted.Of(_decayRanges.ParameterCount, "parameter")}; the step has {parameterCount}: use one optimizer per network.", "parameters");
    }

    /// <summary>
    /// A copy of the state a later <see cref="ImportState"/> needs to continue bit for bit as if this optimizer had
    /// not stopped (see <see cref="OptimizerState"/>). <see cref="Checkpoint"/> saves it beside the parameters.
    /// </summary>
    public OptimizerState ExportState()
    {
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_parameterCount >= 0) WriteState(tensors, scalars);
        return new OptimizerState(GetType().Name, StepCount, _parameterCount < 0 ? null : _parameterCount, tensors, scalars);
    }

    /// <summary>
    /// Replaces this optimizer's state with <paramref name="state"/> (from <see cref="ExportState"/> of an optimizer of
    /// the same type), copying its arrays. Everything is checked first; on an error the optimizer is unchanged.
    /// <see cref="LastGradientNorm"/> becomes NaN. The hyperparameters stay this object's own.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The state is of another optimizer type, lacks a tensor or scalar this optimizer keeps or has one it does not,
    /// has a tensor of another length than <see cref="OptimizerState.ParameterCount"/>, or a value that is not finite or out of range.
    /// </exception>
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string? fault = CheckState(state);
        if (fault is not null) throw new ArgumentException(fault, nameof(state));
        if (state.ParameterCount is int count)
        {
            _parameterCount = count;
            AllocateState(count);
            ReadState(state);
        }
        else
        {
            _parameterCount = -1;
            AllocateState(0);
        }
        StepCount = state.StepCount;
        LastGradientNorm = float.NaN;
    }

    /// <summary>Why <paramref name="state"/> cannot be imported into this optimizer, or null when it can.</summary>
    internal string? CheckState(OptimizerState state)
    {
        if (state.Optimizer != GetType().Name) return $"The state is of optimizer type {state.Optimizer}; this one is {GetType().Name}.";
        if (state.StepCount < 0) return $"The step count {state.StepCount} is negative.";
        if (state.Tensors is null || state.Scalars is null) return "The state has no tensor or scalar dictionary.";
        if (state.ParameterCount is not int count)
        {
            if (state.StepCount != 0 || state.Tensors.Count != 0 || state.Scalars.Count != 0)
                return "The state has no parameter count, as before the first step, yet has steps, tensors or scalars.";
            return null;
        }
        if (count < 0) return $"The parameter count {count} is negative.";

        var expectedTensors = new HashSet<string>(StateTensorNames, StringComparer.Ordinal);
        var expectedScalars = new HashSet<string>(StateScalarNames, StringComparer.Ordinal);
        foreach (string name in expectedTensors)
            if (!state.Tensors.ContainsKey(name)) return $"The state lacks tensor '{name}', which {GetType().Name} keeps.";
        foreach (string name in expectedScalars)
            if (!state.Scalars.ContainsKey(name)) return $"The state lacks scalar '{name}', which {GetType().Name} keeps.";
        foreach (KeyValuePair<string, float[]> tensor in state.Tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!expectedTensors.Contains(tensor.Key)) return $"The state has tensor '{tensor.Key}', which {GetType().Name} does not keep.";
            if (tensor.Value is null || tensor.Value.Length != count)
                return $"Tensor '{tensor.Key}' has {tensor.Value?.Length ?? 0} values; expected {count}, one per parameter.";
            if (!TensorPrimitives.IsFiniteAll<float>(tensor.Value))
                return $"Tensor '{tensor.Key}' holds a value that is not finite.";
        }
        foreach (KeyValuePair<string, double> scalar in state.Scalars.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!expectedScalars.Contains(scalar.Key)) return $"The state has scalar '{scalar.Key}', which {GetType().Name} does not keep.";
            if (!double.IsFinite(scalar.Value)) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Scalar '{scalar.Key}' is {scalar.Value}, not finite.");
        }
        return CheckStateValues(state);
    }

    /// <summary>The names of the per-parameter tensors this optimizer keeps once it has taken a step (none by default).</summary>
    protected virtual IEnumerable<string> StateTensorNames => [];

    /// <summary>The names of the scalars this optimizer keeps (none by default).</summary>
    protected virtual IEnumerable<string> StateScalarNames => [];

    /// <summary>Adds copies of the state named by <see cref="StateTensorNames"/> and <see cref="StateScalarNames"/>; called only after the first step (or an import) sized it.</summary>
    protected virtual void WriteState(IDictionary<string, float[]> tensors, IDictionary<string, double> scalars)
    {
    }

    /// <summary>
    /// Copies <paramref name="state"/> into the state just allocated by <see cref="AllocateState"/>. The names, lengths and
    /// finiteness have been checked, and <see cref="CheckStateValues"/> has passed.
    /// </summary>
    protected virtual void ReadState(OptimizerState state)
    {
    }

    /// <summary>A fault in the values of <paramref name="state"/> beyond names, lengths and finiteness (a range), or null.</summary>
    protected virtual string? CheckStateValues(OptimizerState state) => null;

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
