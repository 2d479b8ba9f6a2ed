using System;
using System.Collections.Generic;
using NetGen.Activations;

namespace NetGen;

/// <summary>Measured gradient flow through one layer (see <see cref="GradientFlow.Measure"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Activation">Its activation.</param>
/// <param name="WeightGradientNorm">‖∇W‖_F of one sample's gradient, geometric mean over the samples (NaN for a layer without weights).</param>
/// <param name="DeltaNorm">
/// ‖δ‖₂, δ = dLoss/dz of one sample, geometric mean over the samples: the bias gradient of a dense layer (summed over the
/// time steps for a recurrent one), every filter at every position of a convolution; NaN for a layer without weights.
/// </param>
/// <param name="DeltaMeanSquare">mean(δ²) over the layer's units (a convolution's filters × positions), geometric mean over the samples; NaN without weights.</param>
/// <param name="PreActivationMeanSquare">mean(z²) over units and samples (NaN for a pooling layer, which has no z).</param>
/// <param name="ActivationMeanSquare">mean(a²) of the layer's output over units and samples.</param>
/// <param name="SaturatedFraction">Share of (sample, unit) with |z| &gt; 5 for sigmoid and tanh layers; 0 otherwise.</param>
/// <param name="DeadFraction">Share of ReLU units whose output was 0 for every sample; 0 for other activations.</param>
public sealed record LayerGradientFlow(
    string Name,
    Activation Activation,
    double WeightGradientNorm,
    double DeltaNorm,
    double DeltaMeanSquare,
    double PreActivationMeanSquare,
    double ActivationMeanSquare,
    double SaturatedFraction,
    double DeadFraction);

/// <summary>Measured gradient flow through a whole network at its current parameters.</summary>
/// <param name="Layers">One entry per layer after the input, in order (as <see cref="INetwork.Layers"/> from index 1); a pooling layer, without weights, reports only its output's mean square.</param>
/// <param name="Ratio">R = ‖∇W_first‖_F / ‖∇W_last‖_F over the layers with weights, geometric mean over the samples.</param>
/// <param name="DeltaGain">G = mean(δ²) of the first weight layer / that of the last hidden weight layer, geometric mean over the samples (1 with fewer than two hidden weight layers).</param>
/// <param name="ForwardGrowth">mean(z²) of the last weight layer (the output's, unless it pools) / mean(z²) of the first weight layer.</param>
/// <param name="Samples">How many samples were measured.</param>
public sealed record GradientFlowReport(IReadOnlyList<LayerGradientFlow> Layers, double Ratio, double DeltaGain, double ForwardGrowth, int Samples);

/// <summary>
/// The run-time counterpart of the analyzer: measures, sample by sample, the quantities the analyzer
/// predicts (SPEC §3), so prediction and measurement can be held side by side; in training mode, batch by batch, for a
/// network whose layers have one (batch normalisation, dropout).
/// </summary>
public static partial class GradientFlow
{
    /// <summary>Values below this count as zero when taking logarithms (a dead layer's gradient).</summary>
    private const double Floor = 1e-300;

    /// <summary>
    /// Runs <paramref name="samples"/> samples (rows of <paramref name="inputs"/> and <paramref name="targets"/>;
    /// sequences of equal length for a recurrent network) forward and backward through <paramref name="network"/>.
    /// Parameters and gradients are left as they were; the network's workspace holds the last sample afterwards.
    /// A network with a training mode (batch normalisation, dropout) is measured in it, on a clone, in batches of
    /// <paramref name="batchSize"/> (see <see cref="MeasureTraining"/>); <paramref name="batchSize"/> is not used otherwise.
    /// </summary>
    public static GradientFlowReport Measure(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, int batchSize = 64)
    {
        (int inputLength, int targetLength) = SampleShape(network, inputs.Length, targets.Length, samples);

        IReadOnlyList<LayerInfo> layers = network.Layers;
        int count = layers.Count;
        List<int> weights = WeightLayers(layers);
        if (HasTrainingMode(layers)) return MeasureTraining(network, inputs, targets, samples, batchSize, weights);
        int first = weights[0], last = weights[^1];
        int[] deltas = DeltaLayers(layers, weights);
        var stats = new LayerAccumulator[count];
        for (int l = 1; l < count; l++) stats[l] = new LayerAccumulator(layers[l].OutputSize);

        float[] savedGradients = network.Gradients.ToArray();
        double logRatio = 0, logGain = 0;
        var output = new float[targetLength];
        try
        {
            for (int s = 0; s < samples; s++)
            {
                network.Forward(inputs.Slice(s * inputLength, inputLength), output);
                network.ZeroGradients();
                network.Backward(targets.Slice(s * targetLength, targetLength));
                ReadOnlySpan<float> gradients = network.Gradients;
                for (int l = 1; l < count; l++)
                    stats[l].Add(layers[l], gradients, network.LayerPreActivation(l), network.LayerOutput(l), network.LayerGradient(l));
                logRatio += Math.Log(Math.Max(stats[first].LastWeightNorm, Floor)) - Math.Log(Math.Max(stats[last].LastWeightNorm, Floor));
                if (deltas.Length >= 3)
                    logGain += Math.Log(Math.Max(stats[deltas[0]].LastDeltaMeanSquare, Floor)) - Math.Log(Math.Max(stats[deltas[^2]].LastDeltaMeanSquare, Floor));
            }
        }
        finally
        {
            savedGradients.CopyTo(network.Gradients);
        }

        var report = new LayerGradientFlow[count - 1];
        for (int l = 1; l < count; l++) report[l - 1] = stats[l].ToReport(layers[l], samples);
        double forwardGrowth = stats[last].PreActivationMeanSquare(samples) / Math.Max(stats[first].PreActivationMeanSquare(samples), Floor);
        return new GradientFlowReport(report, Math.Exp(logRatio / samples), deltas.Length >= 3 ? Math.Exp(logGain / samples) : 1, forwardGrowth, samples);
    }

    /// <summary>The layers with parameters (after the input); throws when there are none.</summary>
    private static List<int> WeightLayers(IReadOnlyList<LayerInfo> layers)
    {
        var weights = new List<int>();
        for (int l = 1; l < layers.Count; l++) if (layers[l].ParameterCount > 0) weights.Add(l);
        if (weights.Count == 0) throw new ArgumentException("The network has no layer with parameters.", "network");
        return weights;
    }

    /// <summary>
    /// The weight layers G is read from: all but those feeding batch normalisation, which removes any shift of its input,
    /// so their bias gradient in training is 0 (as the analyzer's NetworkSpec.DeltaLayers).
    /// </summary>
    private static int[] DeltaLayers(IReadOnlyList<LayerInfo> layers, List<int> weights)
        => weights.FindAll(l => l + 1 >= layers.Count || layers[l + 1].Descriptor is not { UsesBatchStatistics: true }).ToArray();

    private static bool HasTrainingMode(IReadOnlyList<LayerInfo> layers)
    {
        foreach (LayerInfo layer in layers) if (layer.Descriptor is { HasTrainingMode: true }) return true;
        return false;
    }

    /// <summary>
    /// How the gradient fades back through time in recurrent layer <paramref name="layer"/>: for each step t, the mean
    /// square of the layer's state gradient at t relative to the last step's, per sequence, then the geometric mean over
    /// <paramref name="samples"/> sequences of equal length (a typical sequence, not the mean of the squares). The state
    /// gradient is δ_t = dLoss/dz_t for a simple recurrent layer, dLoss/dc_t (the cell state, total) for an LSTM and
    /// dLoss/dh_t (the hidden state, total: from the layers above and from step t + 1) for a GRU, whose update gate carries
    /// h itself. Element 0 is the first step's: the figure NG0004 and NG0006 predict. Targets should be the last step's only.
    /// </summary>
    public static double[] MeasureThroughTime(INetwork network, int layer, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples)
    {
        (int inputLength, int targetLength) = SampleShape(network, inputs.Length, targets.Length, samples);
        if (layer <= 0 || layer >= network.Layers.Count || network.Layers[layer].Kind is not (LayerKind.Recurrent or LayerKind.Lstm or LayerKind.Gru))
            throw new ArgumentOutOfRangeException(nameof(layer), layer, "Not the index of a recurrent ([Recurrent], [Lstm] or [Gru]) layer in Layers.");
        bool gated = network.Layers[layer].Kind != LayerKind.Recurrent;
        int steps = inputLength / network.InputSize, units = network.Layers[layer].OutputSize;
        var logs = new double[steps];
        var squares = new double[steps];
        var output = new float[targetLength];
        float[] savedGradients = network.Gradients.ToArray();
        try
        {
            for (int s = 0; s < samples; s++)
            {
                network.Forward(inputs.Slice(s * inputLength, inputLength), output);
                network.ZeroGradients();
                network.Backward(targets.Slice(s * targetLength, targetLength));
                if (gated) ReplayGatedBackward(network, layer, steps, squares);
                else
                {
                    ReadOnlySpan<float> delta = network.LayerGradient(layer);
                    for (int t = 0; t < steps; t++) squares[t] = SumOfSquares(delta.Slice(t * units, units));
                }
                double last = Math.Max(squares[steps - 1], Floor);
                for (int t = 0; t < steps; t++) logs[t] += Math.Log(Math.Max(squares[t], Floor) / last);
            }
        }
        finally
        {
            savedGradients.CopyTo(network.Gradients);
        }
        for (int t = 0; t < steps; t++) logs[t] = Math.Exp(logs[t] / samples);
        return logs;
    }

    /// <summary>Per-sample input and target lengths of equally sized samples, checked.</summary>
    private static (int Input, int Target) SampleShape(INetwork network, int inputLength, int targetLength, int samples)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), samples, "Must be positive.");
        if (inputLength == 0 || inputLength % samples != 0 || inputLength / samples % network.InputSize != 0)
            throw new ArgumentException($"Expected {Counted.Of(samples, "sample")} of a positive multiple of {Counted.Values(network.InputSize)} each, got {Counted.Values(inputLength)}.", "inputs");
        if (targetLength == 0 || targetLength % samples != 0)
            throw new ArgumentException($"Expected {samples} equally long targets, got {Counted.Values(targetLength)}.", "targets");
        return (inputLength / samples, targetLength / samples);
    }

    internal static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float value in values) sum += (double)value * value;
        return sum;
    }

    /// <summary>Running sums for one layer over the samples.</summary>
    private sealed class LayerAccumulator(int units)
    {
        private readonly bool[] _everActive = new bool[units];
        private double _logWeightNorm, _logDeltaNorm, _logDeltaMeanSquare, _preActivationSquares, _activationSquares;
        private long _saturated, _preActivationValues;

        public double LastWeightNorm { get; private set; }
        public double LastDeltaMeanSquare { get; private set; }

        public void Add(LayerInfo layer, ReadOnlySpan<float> gradients, ReadOnlySpan<float> preActivation, ReadOnlySpan<float> output, ReadOnlySpan<float> layerGradient)
        {
            _activationSquares += SumOfSquares(output) / output.Length;
            if (layer.ParameterCount == 0) return; // pooling: no weights, no z, no δ
            // Weights come first, then the bias (b_ih first for recurrent layers): one sample's ∇b is δ itself for a
            // dense layer, summed over the time steps for a recurrent one; a convolution's sums δ over its positions,
            // each of which LayerGradient holds.
            ReadOnlySpan<float> weights = gradients.Slice(layer.ParameterOffset, layer.WeightCount);
            ReadOnlySpan<float> delta = layer.Descriptor is { } kind && kind.Connections(layer.Dimensions).OutPositions > 1
                ? layerGradient
                : gradients.Slice(layer.ParameterOffset + layer.WeightCount, layer.Rows);
            LastWeightNorm = Norm(weights);
            double deltaSquares = SumOfSquares(delta);
            LastDeltaMeanSquare = deltaSquares / delta.Length;
            _logWeightNorm += Math.Log(Math.Max(LastWeightNorm, Floor));
            _logDeltaNorm += Math.Log(Math.Max(Math.Sqrt(deltaSquares), Floor));
            _logDeltaMeanSquare += Math.Log(Math.Max(LastDeltaMeanSquare, Floor));
            _preActivationSquares += SumOfSquares(preActivation) / preActivation.Length;
            _preActivationValues += preActivation.Length;
            double threshold = ActivationCatalog.Of(layer.Activation).SaturationThreshold;
            if (!double.IsInfinity(threshold))
                foreach (float z in preActivation) if (Math.Abs(z) > threshold) _saturated++;
            // Sequence layers hold every step's output, unit-major within a step.
            for (int i = 0; i < output.Length; i++)
                if (output[i] != 0f) _everActive[i % _everActive.Length] = true;
        }

        public double PreActivationMeanSquare(int samples) => _preActivationSquares / samples;

        public LayerGradientFlow ToReport(LayerInfo layer, int samples)
        {
            if (layer.ParameterCount == 0)
                return new LayerGradientFlow(layer.Name, layer.Activation, double.NaN, double.NaN, double.NaN, double.NaN, _activationSquares / samples, 0, 0);
            int dead = 0;
            if (layer.Activation == Activation.Relu)
                foreach (bool active in _everActive) if (!active) dead++;
            return new LayerGradientFlow(layer.Name, layer.Activation,
                Math.Exp(_logWeightNorm / samples), Math.Exp(_logDeltaNorm / samples), Math.Exp(_logDeltaMeanSquare / samples),
                _preActivationSquares / samples, _activationSquares / samples,
                (double)_saturated / Math.Max(1, _preActivationValues), (double)dead / layer.OutputSize);
        }

        private static double Norm(ReadOnlySpan<float> values) => Math.Sqrt(SumOfSquares(values));
    }
}
