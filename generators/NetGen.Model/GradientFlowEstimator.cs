using System;
using System.Linq;
using System.Threading;

namespace NetGen.Model;

/// <summary>Predicted signal and gradient statistics of one layer at initialisation (mean-field, per unit).</summary>
/// <param name="PreActivationMeanSquare">q_l = E[z²].</param>
/// <param name="OutputMeanSquare">E[a²], the layer's output (with its residual added).</param>
/// <param name="DeltaMeanSquare">E[δ²], δ = dLoss/dz, relative to the output layer's (= 1).</param>
/// <param name="WeightGradientScale">‖∇W_l‖_F relative to the output layer's.</param>
/// <param name="SaturatedFraction">Expected share of units with |z| &gt; 5 (sigmoid and tanh only).</param>
internal sealed record LayerFlow(double PreActivationMeanSquare, double OutputMeanSquare, double DeltaMeanSquare, double WeightGradientScale, double SaturatedFraction);

/// <summary>The analyzer's prediction for a whole network (SPEC §4).</summary>
/// <param name="Ratio">R = ‖∇W_first‖_F / ‖∇W_last‖_F.</param>
/// <param name="DeltaGain">G = E[δ²] of the first weight layer / E[δ²] of the last hidden layer.</param>
/// <param name="ForwardGrowth">q of the output layer / q of the first weight layer.</param>
/// <param name="Layers">Per layer, index as in the spec (the input's entry is its own E[x²] = 1).</param>
internal sealed record GradientFlowPrediction(double Ratio, double DeltaGain, double ForwardGrowth, EquatableArray<LayerFlow> Layers);

/// <summary>
/// Mean-field signal propagation (Poole et al. 2016; Schoenholz et al. 2017) over the network model.
/// Forward: q_l = fan_in·Var(W_l)·E[a_{l−1}²] (biases start at zero), E[a_l²] = E[φ(√q_l ζ)²]; a residual
/// a_l = φ(z_l) + a_r adds E[a_r²] + 2·E[φ]·E[a_r] (z_l is independent of a_r through the random weights, but
/// sigmoid and ReLU have a non-zero mean, which accumulates along the identity path). Backward, with g = E[(dL/da)²] and d = E[δ²]: d_l = E[φ′²]·g_l, g_{l−1} += n_l·Var(W_l)·d_l, and a
/// residual adds g_l to its source's g. Since ∇W_l = δ_l·a_{l−1}ᵀ, ‖∇W_l‖² ≈ n_l·n_{l−1}·E[a_{l−1}²]·d_l.
/// Inputs are taken as standardised (E[x²] = 1).
/// </summary>
internal static class GradientFlowEstimator
{
    /// <summary>The prediction for <paramref name="spec"/>; checks <paramref name="cancellationToken"/> once per layer and pass.</summary>
    public static GradientFlowPrediction Estimate(NetworkSpec spec, CancellationToken cancellationToken = default)
    {
        int count = spec.Layers.Count, last = count - 1;
        // Through time the network is as deep as its sequence is long: its gradient flow is judged by
        // RecurrentFlow (NG0004, NG0006), not by the feed-forward figures, which are left unpredicted.
        if (spec.IsRecurrent) return Unpredicted(count);
        var q = new double[count];
        var meanSquare = new double[count];
        var mean = new double[count];
        var outputGradient = new double[count];
        var delta = new double[count];
        meanSquare[0] = 1;

        for (int l = 1; l < count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[l];
            q[l] = layer.InputSize * WeightVariance(layer) * meanSquare[l - 1];
            bool softmax = layer.Activation == Activation.Softmax; // only on the output, whose moments nothing reads
            meanSquare[l] = softmax ? q[l] : ActivationMoments.MeanSquare(layer.Activation, q[l]);
            mean[l] = softmax ? 0 : ActivationMoments.Mean(layer.Activation, q[l]);
            if (layer.HasResidual)
            {
                int r = layer.ResidualIndex;
                meanSquare[l] += meanSquare[r] + 2 * mean[l] * mean[r];
                mean[l] += mean[r];
            }
        }

        bool fusedOutput = LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        outputGradient[last] = 1;
        for (int l = last; l >= 1; l--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[l];
            delta[l] = l == last && fusedOutput ? 1 : ActivationMoments.DerivativeMeanSquare(layer.Activation, q[l]) * outputGradient[l];
            if (l > 1) outputGradient[l - 1] += layer.OutputSize * WeightVariance(layer) * delta[l];
            if (layer.HasResidual && layer.ResidualIndex > 0) outputGradient[layer.ResidualIndex] += outputGradient[l];
        }
        // Normalise so that the output layer's δ is 1: only ratios are predicted.
        double outputDelta = delta[last];
        var layers = new LayerFlow[count];
        layers[0] = new LayerFlow(1, 1, 0, 0, 0);
        double lastNorm = WeightGradientNormSquared(spec, last, meanSquare, delta);
        for (int l = 1; l < count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            layers[l] = new LayerFlow(q[l], meanSquare[l], Ratio(delta[l], outputDelta),
                Math.Sqrt(Ratio(WeightGradientNormSquared(spec, l, meanSquare, delta), lastNorm)),
                ActivationMoments.SaturatedFraction(spec.Layers[l].Activation, q[l]));
        }

        double gain = last >= 3 ? Ratio(delta[1], delta[last - 1]) : 1;
        return new GradientFlowPrediction(layers[1].WeightGradientScale, gain, Ratio(q[last], q[1]), new EquatableArray<LayerFlow>(layers));
    }

    private static GradientFlowPrediction Unpredicted(int count)
    {
        var layers = new LayerFlow[count];
        for (int l = 0; l < count; l++) layers[l] = new LayerFlow(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new GradientFlowPrediction(double.NaN, double.NaN, double.NaN, new EquatableArray<LayerFlow>(layers));
    }

    /// <summary>Var(W) of a layer's initial weights (W_ih for recurrent layers), from the init actually used.</summary>
    public static double WeightVariance(LayerSpec layer) => WeightVariance(layer.Init, layer.InputSize, layer.OutputSize);

    /// <summary>Var(W) of a [fanOut, fanIn] block initialised with <paramref name="init"/>.</summary>
    public static double WeightVariance(Init init, double fanIn, double fanOut)
    {
        return init switch
        {
            Init.Glorot => 2 / (fanIn + fanOut),
            Init.He => 2 / fanIn,
            Init.LeCun => 1 / fanIn,
            Init.Orthogonal => 1 / Math.Max(fanIn, fanOut), // unit rows (fanOut ≤ fanIn) or unit columns
            Init.Zeros => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Init.Auto must be resolved by the parser."),
        };
    }

    /// <summary>σ_w² = fan_in·Var(W), the factor by which a layer scales the second moment forward.</summary>
    public static double WeightGain(LayerSpec layer) => layer.InputSize * WeightVariance(layer);

    /// <summary>Per-layer backward gain χ_l = fan_out·Var(W_{l+1})·E[φ′(z_l)²] of hidden layer l.</summary>
    public static double BackwardGain(NetworkSpec spec, GradientFlowPrediction prediction, int layer)
        => spec.Layers[layer + 1].OutputSize * WeightVariance(spec.Layers[layer + 1])
           * ActivationMoments.DerivativeMeanSquare(spec.Layers[layer].Activation, prediction.Layers[layer].PreActivationMeanSquare);

    /// <summary>The geometric mean of χ over the hidden layers, for messages ("χ ≈ 0.056 per layer").</summary>
    public static double MeanBackwardGain(NetworkSpec spec, GradientFlowPrediction prediction)
    {
        int hidden = spec.Layers.Count - 2;
        if (hidden <= 0) return 1;
        double logSum = Enumerable.Range(1, hidden).Sum(l => Math.Log(Math.Max(BackwardGain(spec, prediction, l), 1e-300)));
        return Math.Exp(logSum / hidden);
    }

    private static double WeightGradientNormSquared(NetworkSpec spec, int l, double[] meanSquare, double[] delta)
        => (double)spec.Layers[l].OutputSize * spec.Layers[l].InputSize * meanSquare[l - 1] * delta[l];

    /// <summary>a / b, reading 0/0 as 0 (a zero-initialised layer carries no gradient) and x/0 as +∞.</summary>
    private static double Ratio(double a, double b) => b != 0 ? a / b : a == 0 ? 0 : double.PositiveInfinity;
}
