using System;
using System.Threading;

namespace NetGen.Model;

/// <summary>Predicted signal and gradient statistics of one layer at initialisation (mean-field, per unit).</summary>
/// <param name="PreActivationMeanSquare">q_l = E[z²] (NaN for a pooling layer, which has no z).</param>
/// <param name="OutputMeanSquare">E[a²], the layer's output (with its residual added).</param>
/// <param name="DeltaMeanSquare">E[δ²], δ = dLoss/dz, relative to the last weight layer's (= 1; the output's unless it pools); NaN without weights.</param>
/// <param name="WeightGradientScale">‖∇W_l‖_F relative to the last weight layer's; NaN without weights.</param>
/// <param name="SaturatedFraction">Expected share of units with |z| &gt; 5 (sigmoid and tanh only).</param>
/// <param name="Decay">A recurrent layer's decay of its state gradient back in time (<see cref="RecurrentFlow.Decays"/>); null for other layers.</param>
internal sealed record LayerFlow(double PreActivationMeanSquare, double OutputMeanSquare, double DeltaMeanSquare, double WeightGradientScale, double SaturatedFraction,
    RecurrentDecay? Decay = null)
{
    /// <summary>A recurrent layer's long-run factor on its state gradient's mean square per step back in time; NaN for other layers.</summary>
    public double StepGain => Decay?.Gain ?? double.NaN;
}

/// <summary>The analyzer's prediction for a whole network (SPEC §4). "Weight layers" are the layers with parameters.</summary>
/// <param name="Ratio">R = ‖∇W_first‖_F / ‖∇W_last‖_F over the weight layers.</param>
/// <param name="DeltaGain">G = E[δ²] of the first weight layer / E[δ²] of the last hidden weight layer (1 with fewer than two).</param>
/// <param name="ForwardGrowth">q of the last weight layer / q of the first.</param>
/// <param name="Layers">Per layer, index as in the spec (the input's entry is its own E[x²] = 1).</param>
internal sealed record GradientFlowPrediction(double Ratio, double DeltaGain, double ForwardGrowth, EquatableArray<LayerFlow> Layers)
{
    /// <summary>Per layer, <see cref="LayerFlow.Decay"/>: what <see cref="RecurrentFlow.LogGradientOverSequence"/> combines.</summary>
    public RecurrentDecay?[] Decays()
    {
        var decays = new RecurrentDecay?[Layers.Count];
        for (int l = 0; l < decays.Length; l++) decays[l] = Layers[l].Decay;
        return decays;
    }
}

/// <summary>
/// Mean-field signal propagation (Poole et al. 2016; Schoenholz et al. 2017) over the network model, and its
/// convolutional form (Xiao et al. 2018), in which a channel's positions are what a dense layer's units are.
/// Forward, per unit: q_l = σ²·C_in·k̄·E[a_{l−1}²] with σ² = Var(W_l), C_in the channels each output reads and k̄ the
/// window taps that land on the input, on average (a dense layer: its inputs, one tap); E[a_l²] = E[φ(√q_l ζ)²]. A
/// residual a_l = φ(z_l) + a_r adds E[a_r²] + 2·E[φ]·E[a_r] (z_l is independent of a_r through the random weights, but
/// sigmoid and ReLU have a non-zero mean, which accumulates along the identity path).
/// Two positions p ≠ p′ of a channel are followed too, through their product m_c = E[a(p)a(p′)]: a shared weight
/// pairs them tap by tap, so their pre-activations' covariance is σ²·C_in·k̄·m_c of the layer below, and
/// m_c = E[φ(z)φ(z′)] at that correlation. Inputs are taken as standardised and uncorrelated between positions
/// (E[x²] = 1, m_c = 0), so every pair of distinct positions has the same m_c: with a non-zero mean, the activations of a
/// ReLU or sigmoid stack become correlated layer by layer, which average pooling, global average pooling and the maximum
/// of a window keep (<see cref="PoolingMoments"/>).
/// Backward, with g = E[(dL/da)²], d = E[δ²] and their products g_c, d_c between two positions: d_l = E[φ′²]·g_l,
/// g_{l−1} += σ²·C_out·k̄_b·d_l with k̄_b the outputs per channel that read an input value (a dense layer: its units), a
/// residual adds g_l to its source's g, and pooling routes g back through its window. Since ∇W sums δ·a over the
/// positions, ‖∇W_l‖² ≈ C_out·C_in·pairs·(d_l·E[a_{l−1}²] + (P_out − 1)·d_c·m_c), pairs being the (output position,
/// tap) pairs on the input: n_l·n_{l−1}·E[a_{l−1}²]·d_l for a dense layer.
/// A positively homogeneous network (φ(x) = x or a·x for x &lt; 0, zero biases at init, no pooling or normalisation)
/// under mean squared error has one more fact the independent estimate misses (issue 17): from any tensor a_l on, the
/// output is y = J_l·a_l (Euler's theorem), so g_l·a_l = (dL/dy)·y for every l. By Cauchy–Schwarz n_l·E[g_l²] ≥
/// (dL/dy·y)²/(n_l·E[a_l²]) with dL/dy·y ≈ n_out·q_out (targets standardised, independent of y) and E[(dL/dy)²] ≈
/// q_out + 1: the gradient's component along the forward signal grows backward as E[a_l²] grows forward. In a plain
/// stack at its fixed point that is no growth, but in a residual ReLU stack, where the mean adds 2·E[φ]·E[a_r] to E[a²]
/// each block (≈ 2.9× per block, not 2×), it outgrows the independent part (2× per block) and sets G: E[δ_l²] is taken
/// as the larger of the two, the bound for the aligned part masked by φ′ (no fitted factor).
/// Left out: the lower variance near zero-padded edges compounding from layer to layer (the average k̄ counts the edges
/// once per layer: second order but for deep stacks on inputs a few positions wide), and the backward pass's dependence
/// on the forward one (gradient independence). Under global average pooling a ReLU network's loss gradient, which
/// contains the output, follows each channel's sign: G then measures up to ≈ 3× the prediction (the calibration's 2D
/// ReLU stack with max and global pooling), and a ReLU residual stack under it, whose output the growing identity path
/// dominates, ≈ 10× (not in the calibration; its NG0005 verdict agrees).
/// </summary>
internal static class GradientFlowEstimator
{
    /// <summary>The prediction for <paramref name="spec"/>; checks <paramref name="cancellationToken"/> once per layer and pass.</summary>
    public static GradientFlowPrediction Estimate(NetworkSpec spec, CancellationToken cancellationToken = default)
    {
        int count = spec.Layers.Count, last = count - 1;
        int[] weights = spec.WeightLayers;
        // Through time the network is as deep as its sequence is long: its gradient flow is judged by
        // RecurrentFlow (NG0004, NG0006), not by the feed-forward figures, which are left unpredicted.
        if (spec.IsRecurrent || weights.Length == 0) return Unpredicted(spec);
        var forward = new Signal[count];
        forward[0] = new Signal(1, 0, 1, 0, 0, 1);
        for (int l = 1; l < count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            forward[l] = Forward(spec.Layers[l], spec.Layers[l - 1], forward[l - 1]);
            if (spec.Layers[l].HasResidual) forward[l] = forward[l].Plus(forward[spec.Layers[l].ResidualIndex]);
        }

        bool fusedOutput = LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        var gradient = new Gradient[count];
        var delta = new Gradient[count];
        gradient[last] = new Gradient(1, 0);
        for (int l = last; l >= 1; l--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[l];
            if (layer.Descriptor.HasParameters)
                delta[l] = l == last && fusedOutput ? new Gradient(1, 0) : Derivative(layer, forward[l], gradient[l]);
            if (l > 1) gradient[l - 1] = gradient[l - 1].Plus(Backward(layer, forward[l], gradient[l], delta[l]));
            if (layer.HasResidual && layer.ResidualIndex > 0) gradient[layer.ResidualIndex] = gradient[layer.ResidualIndex].Plus(gradient[l]);
        }

        AlignWithOutput(spec, forward, delta);

        // Normalise so that the last weight layer's δ is 1: only ratios are predicted.
        int first = weights[0], lastWeights = weights[weights.Length - 1];
        double outputDelta = delta[lastWeights].MeanSquare, lastNorm = WeightGradientNormSquared(spec.Layers[lastWeights], WeightInput(spec.Layers[lastWeights], forward, lastWeights), delta[lastWeights]);
        var layers = new LayerFlow[count];
        layers[0] = new LayerFlow(1, 1, 0, 0, 0);
        for (int l = 1; l < count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[l];
            layers[l] = layer.Descriptor.HasParameters
                ? new LayerFlow(forward[l].Q, forward[l].MeanSquare, Ratio(delta[l].MeanSquare, outputDelta),
                    Math.Sqrt(Ratio(WeightGradientNormSquared(layer, WeightInput(layer, forward, l), delta[l]), lastNorm)),
                    ActivationMoments.SaturatedFraction(layer.Activation, forward[l].Q))
                : new LayerFlow(double.NaN, forward[l].MeanSquare, double.NaN, double.NaN, 0);
        }

        int[] measurable = spec.DeltaLayers;
        double gain = measurable.Length >= 3 ? Ratio(delta[measurable[0]].MeanSquare, delta[measurable[measurable.Length - 2]].MeanSquare) : 1;
        return new GradientFlowPrediction(layers[first].WeightGradientScale, gain, Ratio(forward[lastWeights].Q, forward[first].Q), new EquatableArray<LayerFlow>(layers));
    }

    /// <summary>
    /// Raises each hidden δ² of a positively homogeneous network under mean squared error to E[φ′²] times the part of g
    /// along the forward signal, (n_out·q_out)²/((q_out + 1)·n_l²·E[a_l²]) relative to E[(dL/dy)²] (see the class summary).
    /// </summary>
    private static void AlignWithOutput(NetworkSpec spec, Signal[] forward, Gradient[] delta)
    {
        int last = spec.Layers.Count - 1;
        if (spec.Loss != Loss.MeanSquaredError) return;
        for (int l = 1; l <= last; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (!layer.Descriptor.HasParameters || layer.Descriptor.Standardizes || layer.Descriptor.DropsValues
                || layer.Descriptor.Reduction != PoolReduction.None || ActivationCatalog.Of(layer.Activation).NegativeSlope is null) return;
        }
        double outputs = (double)spec.Layers[last].Connections.OutChannels * spec.Layers[last].Connections.OutPositions, q = forward[last].Q;
        double projection = outputs * q * outputs * q / (q + 1);
        for (int l = 1; l < last; l++)
        {
            LayerSpec layer = spec.Layers[l];
            double units = (double)layer.Connections.OutChannels * layer.Connections.OutPositions, energy = units * units * forward[l].MeanSquare;
            if (energy <= 0) continue;
            // δ's aligned part is u·φ′ ⊙ a_l with u = g·a_l/|a_l|²: E[φ′²·a_l²] / E[a_l²] of the bound, 1 without a residual
            // (a_l = φ(z_l) is zero where φ′ is), E[φ′²φ²] + 2E[φ′²φ]·E[a_r] + E[φ′²]·E[a_r²] over E[a_l²] with one.
            double slope = ActivationCatalog.Of(layer.Activation).NegativeSlope!.Value, z = forward[l].Q;
            double masked = z * (1 + slope * slope * slope * slope) / 2;
            if (layer.HasResidual)
                masked += 2 * (1 - slope * slope * slope) * Math.Sqrt(z / (2 * Math.PI)) * forward[layer.ResidualIndex].Mean
                    + (1 + slope * slope) / 2 * forward[layer.ResidualIndex].MeanSquare;
            double aligned = masked / forward[l].MeanSquare * projection / energy;
            if (aligned > delta[l].MeanSquare) delta[l] = delta[l] with { MeanSquare = aligned };
        }
    }

    /// <summary>A layer's output statistics per unit.</summary>
    /// <param name="Q">E[z²] (NaN without weights).</param>
    /// <param name="Correlation">Corr(z(p), z(p′)) between two positions of a channel.</param>
    /// <param name="MeanSquare">E[a²].</param>
    /// <param name="Mean">E[a].</param>
    /// <param name="CrossMoment">E[a(p)·a(p′)], p ≠ p′.</param>
    /// <param name="BackwardGain">
    /// What the gradient gains on its way back through the layer besides weights and activation: max pooling's argmax
    /// E[φ′²] over the average (see <see cref="PoolingMoments.Maximum"/>), a normalisation's 1/σ² of its input, dropout's
    /// 1/(1 − p); else 1.
    /// </param>
    internal readonly record struct Signal(double Q, double Correlation, double MeanSquare, double Mean, double CrossMoment, double BackwardGain)
    {
        /// <summary>With a residual's output added: the cross terms are products of means (the weights make z independent of it).</summary>
        public Signal Plus(Signal residual) => this with
        {
            MeanSquare = MeanSquare + residual.MeanSquare + 2 * Mean * residual.Mean,
            CrossMoment = CrossMoment + residual.CrossMoment + 2 * Mean * residual.Mean,
            Mean = Mean + residual.Mean,
        };
    }

    /// <summary>E[x²] of a gradient or δ per unit, and the product between two positions of a channel.</summary>
    internal readonly record struct Gradient(double MeanSquare, double CrossMoment)
    {
        public Gradient Plus(Gradient other) => new(MeanSquare + other.MeanSquare, CrossMoment + other.CrossMoment);
    }

    /// <summary>Layer <paramref name="layer"/>'s output statistics from those of the layer below it, <paramref name="below"/>.</summary>
    private static Signal Forward(LayerSpec layer, LayerSpec below, Signal input)
    {
        if (layer.Descriptor.Standardizes) return NormalizationFlow.Forward(layer, below, input);
        if (layer.Descriptor.DropsValues) return NormalizationFlow.Dropout(layer, input);
        Connectivity connections = layer.Connections;
        double taps = connections.ForwardTaps;
        switch (layer.Descriptor.Reduction)
        {
            case PoolReduction.Average:
            {
                // The mean of k̄ of the window's K values (padding counted as zeros): k̄ squares and k̄(k̄ − 1) products.
                // Two windows share no value (when the stride is the size), so their product is the values' one.
                double share = taps / connections.WindowTaps;
                return new Signal(double.NaN, double.NaN, share * share * (input.MeanSquare / taps + (1 - 1 / taps) * input.CrossMoment),
                    share * input.Mean, share * share * input.CrossMoment, 1);
            }
            case PoolReduction.Maximum:
            {
                PoolingMoments.Maximum maximum = PoolingMoments.OfMaximum(PooledSignalOf(below, input), taps);
                return new Signal(double.NaN, double.NaN, maximum.MeanSquare, maximum.Mean, maximum.CrossMoment, maximum.DerivativeGain);
            }
        }
        double gain = WeightVariance(layer) * connections.InChannels * taps;
        double q = gain * input.MeanSquare, c = q > 0 ? gain * input.CrossMoment / q : 0;
        if (layer.Activation == Activation.Softmax) return new Signal(q, c, q, 0, 0, 1); // only on the output, whose moments nothing reads
        return new Signal(q, c, ActivationMoments.MeanSquare(layer.Activation, q), ActivationMoments.Mean(layer.Activation, q),
            ActivationMoments.MeanProduct(layer.Activation, q, c), 1);
    }

    /// <summary>A layer's output as a window of max pooling sees it: φ of its z if it has weights and no residual, else Gaussian with its moments.</summary>
    private static PooledSignal PooledSignalOf(LayerSpec layer, Signal signal)
    {
        if (layer.Descriptor.HasParameters && !layer.HasResidual) return new PooledSignal(layer.Activation, signal.Q, signal.Correlation, 0);
        double variance = Math.Max(0, signal.MeanSquare - signal.Mean * signal.Mean);
        return new PooledSignal(Activation.Linear, variance, variance > 0 ? (signal.CrossMoment - signal.Mean * signal.Mean) / variance : 0, signal.Mean);
    }

    /// <summary>δ = φ′(z)·dL/da of a layer with weights: E[φ′²]·g, and between two positions E[φ′(z)φ′(z′)]·g_c.</summary>
    private static Gradient Derivative(LayerSpec layer, Signal signal, Gradient gradient)
        => new(ActivationMoments.DerivativeMeanSquare(layer.Activation, signal.Q) * gradient.MeanSquare,
            layer.Connections.OutPositions > 1 ? ActivationMoments.DerivativeMeanProduct(layer.Activation, signal.Q, signal.Correlation) * gradient.CrossMoment : 0);

    /// <summary>What <paramref name="layer"/> sends back to the layer below: dL/dx from its δ (weights) or its dL/da (pooling).</summary>
    private static Gradient Backward(LayerSpec layer, Signal signal, Gradient gradient, Gradient delta)
    {
        if (layer.Descriptor.Standardizes) return NormalizationFlow.Backward(layer, signal, delta);
        if (layer.Descriptor.DropsValues) return new Gradient(signal.BackwardGain * gradient.MeanSquare, gradient.CrossMoment);
        Connectivity connections = layer.Connections;
        switch (layer.Descriptor.Reduction)
        {
            case PoolReduction.Average:
            {
                // Each input gets 1/K of the gradient of each of the k̄_b windows that read it. Two inputs of one window
                // get the same gradient, two of different windows the windows' product: a share of the pairs,
                // (k̄ − 1)/(P_in − 1), is of the first kind (all of them for global pooling).
                double share = connections.BackwardTaps / connections.WindowTaps;
                double sameWindow = connections.InPositions > 1 ? (connections.ForwardTaps - 1) / (connections.InPositions - 1) : 1;
                return new Gradient(share / connections.WindowTaps * gradient.MeanSquare,
                    share * share * (sameWindow * gradient.MeanSquare + (1 - sameWindow) * gradient.CrossMoment));
            }
            case PoolReduction.Maximum:
            {
                // Each window's gradient goes to its maximum alone: P_out/P_in of the inputs get one, and where they are
                // the δ below is larger by the argmax's derivative gain (carried here, as g is only ever turned into δ).
                double routed = (double)connections.OutPositions / connections.InPositions;
                return new Gradient(signal.BackwardGain * routed * gradient.MeanSquare, routed * routed * gradient.CrossMoment);
            }
        }
        double gain = WeightVariance(layer) * connections.OutChannels * connections.BackwardTaps;
        return new Gradient(gain * delta.MeanSquare, gain * delta.CrossMoment);
    }

    /// <summary>What layer <paramref name="l"/>'s weights multiply: its input, or for a normalisation its standardised input x̂ (γ·x̂).</summary>
    private static Signal WeightInput(LayerSpec layer, Signal[] forward, int l)
        => layer.Descriptor.Standardizes ? NormalizationFlow.Standardized(forward[l]) : forward[l - 1];

    /// <summary>
    /// ‖∇W‖² of a layer with weights: each of its C_out·C_in·pairs terms δ(p)·a(p + t) summed over the positions p, so
    /// P_out squares and P_out(P_out − 1) products between positions.
    /// </summary>
    private static double WeightGradientNormSquared(LayerSpec layer, Signal input, Gradient delta)
    {
        Connectivity connections = layer.Connections;
        return (double)connections.OutChannels * connections.InChannels * connections.Pairs
            * (delta.MeanSquare * input.MeanSquare + (connections.OutPositions - 1) * delta.CrossMoment * input.CrossMoment);
    }

    /// <summary>No feed-forward figures; a recurrent network's decays through time.</summary>
    private static GradientFlowPrediction Unpredicted(NetworkSpec spec)
    {
        var layers = new LayerFlow[spec.Layers.Count];
        RecurrentDecay?[]? decays = spec.IsRecurrent ? RecurrentFlow.Decays(spec) : null;
        for (int l = 0; l < layers.Length; l++) layers[l] = new LayerFlow(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, decays?[l]);
        return new GradientFlowPrediction(double.NaN, double.NaN, double.NaN, new EquatableArray<LayerFlow>(layers));
    }

    /// <summary>Var(W) of a layer's initial weights (W_ih for recurrent layers), from the init actually used and its fans.</summary>
    public static double WeightVariance(LayerSpec layer)
    {
        Connectivity connections = layer.Connections;
        return WeightVariance(layer.Init, connections.FanIn, connections.OutChannels);
    }

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

    /// <summary>Per-layer backward gain χ_l = σ²·C_out·k̄_b of layer l + 1 (which has weights) times E[φ′(z_l)²] of hidden layer l.</summary>
    public static double BackwardGain(NetworkSpec spec, GradientFlowPrediction prediction, int layer)
    {
        LayerSpec next = spec.Layers[layer + 1];
        return next.Connections.OutChannels * next.Connections.BackwardTaps * WeightVariance(next)
            * ActivationMoments.DerivativeMeanSquare(spec.Layers[layer].Activation, prediction.Layers[layer].PreActivationMeanSquare);
    }

    /// <summary>
    /// The geometric mean of δ²'s gain from one weight layer to the one below, over the weight layers, for messages
    /// ("χ ≈ 0.056 per layer"): the geometric mean of <see cref="BackwardGain"/> over a plain stack, a pooling layer's
    /// routing folded into the step across it.
    /// </summary>
    public static double MeanBackwardGain(NetworkSpec spec, GradientFlowPrediction prediction)
    {
        int[] weights = spec.WeightLayers;
        if (weights.Length < 2) return 1;
        double first = prediction.Layers[weights[0]].DeltaMeanSquare, last = prediction.Layers[weights[weights.Length - 1]].DeltaMeanSquare;
        return Math.Pow(Ratio(first, last), 1.0 / (weights.Length - 1));
    }

    /// <summary>a / b, reading 0/0 as 0 (a zero-initialised layer carries no gradient) and x/0 as +∞.</summary>
    private static double Ratio(double a, double b) => b != 0 ? a / b : a == 0 ? 0 : double.PositiveInfinity;
}
