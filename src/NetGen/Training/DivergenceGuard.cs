using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;

namespace NetGen;

/// <summary>
/// Wraps the trainer's optimizer: keeps a copy of the parameters before each step, refuses non-finite gradients
/// before they are applied, and puts the copy back when the update fails or leaves a non-finite parameter, so
/// the network is never left half-updated. It also collects the epoch's gradient-norm figures.
/// </summary>
internal sealed class DivergenceGuard : IOptimizer
{
    private readonly INetwork _network;
    private readonly IOptimizer _inner;
    private readonly float[] _lastGood;

    public DivergenceGuard(INetwork network, IOptimizer inner)
    {
        _network = network;
        _inner = inner;
        _lastGood = network.Parameters.ToArray();
    }

    /// <summary>The step being taken, counted from 1, and its epoch: for the error message.</summary>
    public long StepNumber { get; set; }
    public int Epoch { get; set; }

    /// <summary>The largest pre-clip gradient norm since <see cref="StartEpoch"/> (NaN when the optimizer does not measure it).</summary>
    public float EpochGradientNorm { get; private set; } = float.NaN;
    public int EpochClippedSteps { get; private set; }

    public void StartEpoch(int epoch)
    {
        Epoch = epoch;
        EpochGradientNorm = float.NaN;
        EpochClippedSteps = 0;
    }

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        parameters.CopyTo(_lastGood);
        if (!TensorPrimitives.IsFiniteAll(gradients)) throw Diverged(DivergedQuantity.Gradients, gradients);
        try
        {
            _inner.Step(parameters, gradients);
        }
        catch
        {
            _lastGood.CopyTo(parameters);
            throw;
        }
        if (!TensorPrimitives.IsFiniteAll(parameters))
        {
            var error = Diverged(DivergedQuantity.Parameters, parameters);
            _lastGood.CopyTo(parameters);
            throw error;
        }
        if (_inner is Optimizer { MaxGradientNorm: float max, LastGradientNorm: float norm })
        {
            if (!(norm <= EpochGradientNorm)) EpochGradientNorm = norm; // also replaces the initial NaN
            if (norm > max) EpochClippedSteps++;
        }
    }

    /// <summary>Puts back the parameters from before the last step, whose loss turned out non-finite; returns the exception to throw.</summary>
    public TrainingDivergedException RestoreAfterNonFiniteLoss(float loss)
    {
        _lastGood.CopyTo(_network.Parameters);
        int output = _network.Layers.Count - 1;
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at step {StepNumber} (epoch {Epoch}): the loss computed on output layer '{_network.Layers[output].Name}' is {loss}, " +
            $"while every gradient is finite. {Restored}");
        return new TrainingDivergedException(message, StepNumber, Epoch, DivergedQuantity.Loss, output, _network.Layers[output].Name);
    }

    private string Restored => $"The network holds the parameters from before step {StepNumber}.";

    // Names the first layer reached with a non-finite value and lists the others. Gradients are searched in the
    // order the backward pass computes them, from the output down: where a backward explosion first overflowed,
    // since everything below it is then non-finite too. Parameters are searched in declaration order.
    private TrainingDivergedException Diverged(DivergedQuantity quantity, ReadOnlySpan<float> values)
    {
        IReadOnlyList<LayerInfo> layers = _network.Layers;
        bool backward = quantity == DivergedQuantity.Gradients;
        int firstLayer = -1;
        string detail = "", others = "";
        for (int i = 0; i < layers.Count; i++)
        {
            int l = backward ? layers.Count - 1 - i : i;
            LayerInfo layer = layers[l];
            ReadOnlySpan<float> slice = values.Slice(layer.ParameterOffset, layer.ParameterCount);
            if (TensorPrimitives.IsFiniteAll(slice)) continue;
            if (firstLayer >= 0)
            {
                others += (others.Length == 0 ? "" : ", ") + $"'{layer.Name}'";
                continue;
            }
            firstLayer = l;
            int index = 0;
            while (float.IsFinite(slice[index])) index++;
            string tensor = index < layer.WeightCount ? $"weight {index}" : $"bias {index - layer.WeightCount}";
            detail = string.Create(CultureInfo.InvariantCulture,
                $"'{layer.Name}' (layer {l}, {layer.Kind}): {tensor} of its {layer.ParameterCount} {(backward ? "gradients" : "parameters")} is {slice[index]}");
        }
        string where = backward
            ? "a gradient is not finite, before the update (which was not applied); first reached by the backward pass in layer"
            : "a parameter is not finite after the update, first in layer";
        string message = $"Training diverged at step {StepNumber} (epoch {Epoch}): {where} {detail}" +
            (others.Length > 0 ? $"; also non-finite in {others}" : "") + $". {Restored}";
        return new TrainingDivergedException(message, StepNumber, Epoch, quantity, firstLayer, layers[firstLayer].Name);
    }
}
