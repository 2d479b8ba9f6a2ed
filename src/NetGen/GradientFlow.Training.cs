using System;
using System.Collections.Generic;

namespace NetGen;

public static partial class GradientFlow
{
    /// <summary>
    /// Training mode, where batch normalisation uses the batch's statistics and dropout draws its masks (evaluation mode,
    /// which Forward and Backward run, has neither: batch normalisation at initialisation is the identity there). On a
    /// clone of <paramref name="network"/>, for each batch of <paramref name="batchSize"/> samples (fewer samples: one
    /// batch of them all; a remainder is left out), TrainBatch runs twice with an optimizer that records the gradient and
    /// changes nothing: with the targets, and with every target replaced by the batch's mean target, the dropout masks
    /// drawn again alike. The gradient of each loss is linear in the target (MSE: a − t; the fused cross-entropies:
    /// p − t), so the difference is the gradient of output errors equal to the targets' deviations from their batch
    /// mean: what the samples do not share, as the outputs at initialisation carry nothing of the targets. A shared
    /// error (the outputs' common offset) would add to the last layer's batch gradient coherently, B times over, and not
    /// to a layer under batch normalisation, which removes it; per-sample figures, the analyzer's, have no such term.
    /// R is the geometric mean over the batches of the ratio of the two layers' ‖∇W‖_F. δ is read from the bias gradient,
    /// the batch's mean of δ: mean(δ²) is B × its mean square (the samples' δ being uncorrelated; a convolution's bias
    /// sums δ over its positions, whose products then count too). A layer feeding batch normalisation has a zero bias
    /// gradient (its δ is NaN in the report) and G skips it. The forward figures (z, a, saturation, dead units) are kept
    /// inside the batch pass and reported as NaN, as is ForwardGrowth.
    /// </summary>
    private static GradientFlowReport MeasureTraining(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, int batchSize, List<int> weights)
    {
        if (batchSize < 2) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Training mode needs batches of 2 samples or more.");
        IReadOnlyList<LayerInfo> layers = network.Layers;
        int batch = Math.Min(batchSize, samples), batches = samples / batch;
        if (batch < 2) throw new ArgumentException("Training mode needs 2 samples or more.", nameof(samples));
        int inputLength = inputs.Length / samples, targetLength = targets.Length / samples;
        int first = weights[0], last = weights[^1];
        int[] deltas = DeltaLayers(layers, weights);

        INetwork clone = network.Clone();
        var recorder = new GradientRecorder(clone.ParameterCount);
        var meanTargets = new float[batch * targetLength];
        var difference = new float[clone.ParameterCount];
        long[] counters = clone.Counters.ToArray();
        var logWeightNorm = new double[layers.Count];
        var logDeltaNorm = new double[layers.Count];
        var logDeltaMeanSquare = new double[layers.Count];
        var norms = new double[layers.Count];
        var deltaMeanSquare = new double[layers.Count];
        double logRatio = 0, logGain = 0;
        for (int b = 0; b < batches; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * batch * inputLength, batch * inputLength), y = targets.Slice(b * batch * targetLength, batch * targetLength);
            for (int k = 0; k < targetLength; k++)
            {
                double mean = 0;
                for (int s = 0; s < batch; s++) mean += y[s * targetLength + k];
                for (int s = 0; s < batch; s++) meanTargets[s * targetLength + k] = (float)(mean / batch);
            }
            clone.Counters.CopyTo(counters);
            clone.TrainBatch(x, y, batch, recorder);
            recorder.Gradients.CopyTo(difference, 0);
            counters.CopyTo(clone.Counters); // the same dropout masks for the second pass
            clone.TrainBatch(x, meanTargets, batch, recorder);
            for (int i = 0; i < difference.Length; i++) difference[i] -= recorder.Gradients[i];

            foreach (int l in weights)
            {
                LayerInfo layer = layers[l];
                double norm = norms[l] = Math.Sqrt(SumOfSquares(difference.AsSpan(layer.ParameterOffset, layer.WeightCount)));
                double biasSquares = SumOfSquares(difference.AsSpan(layer.ParameterOffset + layer.WeightCount, layer.BiasCount));
                deltaMeanSquare[l] = batch * biasSquares / Math.Max(1, layer.BiasCount);
                logWeightNorm[l] += Math.Log(Math.Max(norm, Floor));
                logDeltaNorm[l] += Math.Log(Math.Max(Math.Sqrt(batch * biasSquares), Floor));
                logDeltaMeanSquare[l] += Math.Log(Math.Max(deltaMeanSquare[l], Floor));
            }
            logRatio += Math.Log(Math.Max(norms[first], Floor)) - Math.Log(Math.Max(norms[last], Floor));
            if (deltas.Length >= 3)
                logGain += Math.Log(Math.Max(deltaMeanSquare[deltas[0]], Floor)) - Math.Log(Math.Max(deltaMeanSquare[deltas[^2]], Floor));
        }

        var report = new LayerGradientFlow[layers.Count - 1];
        for (int l = 1; l < layers.Count; l++)
        {
            LayerInfo layer = layers[l];
            bool measured = layer.ParameterCount > 0, shifted = measured && Array.IndexOf(deltas, l) >= 0;
            report[l - 1] = new LayerGradientFlow(layer.Name, layer.Activation,
                measured ? Math.Exp(logWeightNorm[l] / batches) : double.NaN,
                shifted ? Math.Exp(logDeltaNorm[l] / batches) : double.NaN,
                shifted ? Math.Exp(logDeltaMeanSquare[l] / batches) : double.NaN,
                double.NaN, double.NaN, double.NaN, double.NaN);
        }
        return new GradientFlowReport(report, Math.Exp(logRatio / batches), deltas.Length >= 3 ? Math.Exp(logGain / batches) : 1, double.NaN, batches * batch);
    }

    /// <summary>An optimizer that keeps a copy of the gradient it is given and leaves the parameters alone.</summary>
    private sealed class GradientRecorder(int parameters) : IOptimizer
    {
        public float[] Gradients { get; } = new float[parameters];

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => gradients.CopyTo(Gradients);
    }
}
