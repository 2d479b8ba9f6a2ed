using System;

namespace NetGen.Model;

/// <summary>
/// Mean-field gradient flow through time. For an Elman layer h_t = φ(W_ih·x_t + W_hh·h_{t−1}), the
/// pre-activation's second moment settles at the fixed point q* = σ_ih²·E[x²] + σ_hh²·E[φ(√q* ζ)²]
/// (σ² = fan_in·Var(W); E[x²] is the output of the layer below, 1 for the network's standardised inputs), and each
/// step back in time multiplies the gradient's mean square by χ_r = σ_hh²·E[φ′(√q* ζ)²], its typical (log-mean) value
/// by <see cref="ElmanStepGain"/>. A gated kind's per-step factor λ comes from the mean field of its state gradient
/// (<see cref="GatedFlow"/>). A stack of recurrent layers joined by sequences combines the factors of its layers
/// (<see cref="LogGradientOverSequence"/>).
/// </summary>
internal static class RecurrentFlow
{
    /// <summary>
    /// The typical factor of a simple recurrent layer's ‖δ‖² per step back in time, e^E[ln g], at the stationary second
    /// moment: what NG0004 judges, and what GradientFlow.MeasureThroughTime measures (a geometric mean over sequences).
    /// </summary>
    /// <remarks>
    /// One step back multiplies δ by D·W_hhᵀ, D = diag φ′(z), so ‖δ‖² by g = ‖D·W_hhᵀ·v‖² for the unit direction v of δ.
    /// Over T − 1 steps ln(‖δ_1‖²/‖δ_T‖²) = Σ ln g_t, and the measurement averages that log over sequences: its figure
    /// is e^((T−1)·E[ln g]), not χ_r^(T−1) = (E g)^(T−1). The two differ by Jensen's gap, which is large when g is wide:
    /// a narrow layer, and ReLU, whose φ′² ∈ {0, 1} leaves a random number of the n units active at each step.
    ///
    /// With u = W_hhᵀ·v, g = Σ_i d_i·u_i², d_i = φ′(z_i)² independent over units with z_i ~ N(0, q*) (mean field).
    /// W_hh Glorot, He or LeCun: u_i are independent N(0, σ_hh²/n) (exactly for Gaussian entries, by the central limit
    /// for uniform ones), so g = σ_hh²·X with X = Σ_i d_i·γ_i, γ_i = ζ_i²/n. W_hh orthogonal: u is uniform on the sphere
    /// of radius ‖v‖, u_i² = γ_i/Σ_j γ_j, so ln g = ln σ_hh² + ln X − ln Σ_j γ_j with E ln Σ_j γ_j = ψ(n/2) + ln(2/n)
    /// (Σ ζ_j² ~ χ²_n); the log of a ratio needs no independence of its parts.
    ///
    /// E[ln X] from its Laplace transform (Frullani): ln x = ∫₀^∞ (e^(−s) − e^(−s·x)) ds/s, so
    /// E[ln X] = ∫₀^∞ (e^(−s) − M(s)ⁿ) ds/s with M(s) = E[e^(−s·d·γ)] = E_z[(1 + 2s·φ′(z)²/n)^(−1/2)], a Gauss–Hermite
    /// sum over z, and the outer integral in ln s by the trapezoid rule (smooth and decaying at both ends). Where φ′ = 0
    /// with probability p₀ (ReLU: ½), every unit is inactive with probability p₀ⁿ and the gradient stops outright; the
    /// figure is that of the steps that pass, E[ln X | X &gt; 0], (M(s)ⁿ − p₀ⁿ)/(1 − p₀ⁿ) in place of M(s)ⁿ.
    /// For large n, X concentrates: E[ln X] ≈ ln E[φ′²] − Var(X)/(2·E[X]²), Var(X) = (3·E[φ′⁴] − E[φ′²]²)/n (for the
    /// sphere, 3·Var(φ′²)/(n + 2)); at n = 16 ReLU loses 0.16 of ln g per step to the gap, 1.3 decades over 20 steps.
    /// No factor is fitted: the only inputs are q*, σ_hh², n and whether W_hh is orthogonal.
    /// </remarks>
    private static double ElmanStepGain(LayerSpec layer, double q)
    {
        double recurrentGain = RecurrentGain(layer);
        if (recurrentGain <= 0) return 0;
        int units = Math.Max(1, layer.OutputSize);
        double logMean = Math.Log(recurrentGain) + LogMeanOfDerivativeSquares(ActivationCatalog.Of(layer.Activation), q, units);
        if (layer.RecurrentInit == Init.Orthogonal) logMean -= Digamma(units / 2.0) + Math.Log(2.0 / units);
        return Math.Exp(logMean);
    }

    private static double RecurrentGain(LayerSpec layer)
        => layer.OutputSize * GradientFlowEstimator.WeightVariance(layer.RecurrentInit, layer.OutputSize, layer.OutputSize);

    /// <summary>q* = σ_ih²·E[x²] + σ_hh²·E[φ(√q*·ζ)²], from σ_ih²·E[x²].</summary>
    private static double StationaryMeanSquare(LayerSpec layer, double inputMeanSquare)
    {
        double inputGain = layer.InputSize * GradientFlowEstimator.WeightVariance(layer) * inputMeanSquare;
        double recurrentGain = RecurrentGain(layer);
        return FixedPoint.Solve(q => inputGain + recurrentGain * ActivationMoments.MeanSquare(layer.Activation, q), inputGain);
    }

    /// <summary>E[ln Σ_i φ′(z_i)²·ζ_i²/n | the sum &gt; 0] over n units, z_i ~ N(0, q), ζ_i ~ N(0, 1): see <see cref="ElmanStepGain"/>.</summary>
    private static double LogMeanOfDerivativeSquares(ActivationInfo info, double q, int units)
    {
        var squares = new double[GaussHermite.Points];
        double root = Math.Sqrt(q), dead = 0;
        for (int i = 0; i < squares.Length; i++)
        {
            double derivative = info.Derivative(root * GaussHermite.Node(i));
            squares[i] = derivative * derivative;
            if (squares[i] == 0) dead += GaussHermite.Weight(i);
        }
        double allDead = Math.Pow(dead, units);
        if (allDead >= 1) return double.NegativeInfinity;
        // ∫ (e^(−s) − E[e^(−sX) | X > 0]) ds/s over u = ln s: the integrand falls as e^u below and at least as e^(−u/2) above.
        const double Lowest = -40, Highest = 80, Step = 0.5;
        double sum = 0;
        for (double u = Lowest; u <= Highest; u += Step)
        {
            double s = Math.Exp(u), transform = 0;
            for (int i = 0; i < squares.Length; i++) transform += GaussHermite.Weight(i) / Math.Sqrt(1 + 2 * s * squares[i] / units);
            double conditional = (Math.Pow(transform, units) - allDead) / (1 - allDead);
            sum += Math.Exp(-s) - conditional;
        }
        return sum * Step;
    }

    /// <summary>ψ(x) for x &gt; 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series.</summary>
    private static double Digamma(double x)
    {
        double result = 0;
        for (; x < 6; x++) result -= 1 / x;
        double inverse = 1 / (x * x);
        return result + Math.Log(x) - 0.5 / x - inverse * (1.0 / 12 - inverse * (1.0 / 120 - inverse * (1.0 / 252 - inverse * (1.0 / 240 - inverse / 132))));
    }

    /// <summary>
    /// Each recurrent layer's decay (null for the other layers): what <see cref="LogGradientOverSequence"/> combines. Its
    /// <see cref="RecurrentDecay.Gain"/> is the long-run factor per step: the typical g of a simple layer
    /// (<see cref="ElmanStepGain"/>), λ of a gated one's state (<see cref="GatedFlow"/>), each at the mean square of its
    /// own input (the layer below's output).
    /// </summary>
    public static RecurrentDecay?[] Decays(NetworkSpec spec) => Walk(spec, bias: null);

    /// <summary>
    /// Each recurrent layer's decay, each at its input's E[x²]: 1 for the network's input, then each layer's output at its
    /// stationary state; null for the other layers. <paramref name="bias"/> overrides one gated layer's memory-gate bias.
    /// </summary>
    private static RecurrentDecay?[] Walk(NetworkSpec spec, (int Layer, double Bias)? bias)
    {
        var decays = new RecurrentDecay?[spec.Layers.Count];
        double meanSquare = 1;
        for (int l = 1; l < decays.Length; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (layer.Descriptor.MemoryGate >= 0)
            {
                (RecurrentDecay decay, meanSquare) = GatedFlow.Step(layer, bias is { } set && set.Layer == l ? set.Bias : layer.MemoryBias, meanSquare);
                decays[l] = decay;
            }
            else if (layer.IsRecurrentKind)
            {
                double q = StationaryMeanSquare(layer, meanSquare);
                decays[l] = RecurrentDecay.Simple(ElmanStepGain(layer, q));
                meanSquare = ActivationMoments.MeanSquare(layer.Activation, q);
            }
            else if (layer.Descriptor.HasParameters)
                meanSquare = ActivationMoments.MeanSquare(layer.Activation, layer.Connections.FanIn * GradientFlowEstimator.WeightVariance(layer) * meanSquare);
        }
        return decays;
    }

    /// <summary>
    /// The typical state gradient reaching step 1 of recurrent layer <paramref name="layer"/> from step T, relative to step
    /// T's. A lone layer: its <see cref="RecurrentDecay"/> over T − 1 steps, F(T − 1). In a stack, every recurrent layer above
    /// that reads this one's sequence sends gradient down at every step, so the gradient at step 1 is the sum over the paths
    /// from the top layer's last step: each takes n_j of the T − 1 steps back in layer j and goes down between layers at the
    /// same step (factors that every path and step T's own gradient share, so they cancel). With independent directions the
    /// mean squares add: Σ over n_k + … + n_top = T − 1 of Π F_j(n_j), by far the slowest layer's decay when they differ,
    /// T·g^(T−1) for two equal simple layers. Returned as ln F: long sequences take F below double's range.
    /// </summary>
    public static double LogGradientOverSequence(NetworkSpec spec, RecurrentDecay?[] decays, int layer, int steps)
    {
        int top = layer;
        while (top + 1 < spec.Layers.Count && spec.Layers[top].OutputsSequence)
        {
            top++;
            if (spec.Layers[top].IsRecurrentKind && !spec.Layers[top].OutputsSequence) break;
        }
        // Over more than GridSteps steps the paths are summed in blocks of `stride` steps on a grid that reaches n.
        int n = Math.Max(0, steps - 1), stride = Math.Max(1, (n + GridSteps - 1) / GridSteps), count = (n + stride - 1) / stride;
        double[]? paths = null;
        for (int j = layer; j <= top; j++)
        {
            if (decays[j] is not { } decay) continue;
            double[] own = decay.LogFigures(stride, count);
            // Every total is needed while layers above remain; the last layer's only at the two grid points around n.
            paths = paths is null ? own : Convolve(paths, own, stride, j == top ? Math.Max(0, count - 1) : 0);
        }
        if (paths is null) return double.NaN;
        if (count == 0 || (long)count * stride == n) return paths[count];
        double below = paths[count - 1], above = paths[count], along = (n - (count - 1.0) * stride) / stride;
        return double.IsNegativeInfinity(below) || double.IsNegativeInfinity(above) ? Math.Min(below, above) : below + along * (above - below);
    }

    /// <summary>Grid points per sequence: up to this length the paths through a stack are summed step by step.</summary>
    private const int GridSteps = 256;

    /// <summary>
    /// ln Σ_(i + j = k) e^(x_i + y_j), in logarithms so that terms 1e−300 apart stay exact, for grid points k ≥
    /// <paramref name="from"/> (−∞ below) of a grid of <paramref name="stride"/> steps. Between two grid points the terms
    /// are taken as geometric, so a block of `stride` of them sums exactly for a geometric sequence (each layer's figure is
    /// one in the long run); stride 1 is the plain convolution.
    /// </summary>
    private static double[] Convolve(double[] x, double[] y, int stride, int from)
    {
        var result = new double[x.Length];
        var blocks = new double[x.Length];
        for (int k = 0; k < result.Length; k++)
        {
            if (k < from) { result[k] = double.NegativeInfinity; continue; }
            double max = double.NegativeInfinity;
            for (int i = 0; i <= k; i++)
            {
                blocks[i] = i < k ? Block(x[i] + y[k - i], x[i + 1] + y[k - i - 1], stride) : x[k] + y[0];
                max = Math.Max(max, blocks[i]);
            }
            if (double.IsNegativeInfinity(max)) { result[k] = max; continue; }
            double sum = 0;
            for (int i = 0; i <= k; i++) sum += Math.Exp(blocks[i] - max);
            result[k] = max + Math.Log(sum);
        }
        return result;
    }

    /// <summary>ln Σ_(m &lt; stride) e^(a + m·(b − a)/stride): a block of terms geometric from e^a towards e^b.</summary>
    private static double Block(double a, double b, int stride)
    {
        if (stride == 1 || double.IsNegativeInfinity(a) || double.IsNegativeInfinity(b)) return a;
        double rise = b - a;
        if (Math.Abs(rise) < 1e-9) return a + Math.Log(stride);
        // (1 − e^rise)/(1 − e^(rise/stride)), in logarithms on the side where both are positive.
        return rise > 0
            ? a + rise + LogOneMinusExp(-rise) - rise / stride - LogOneMinusExp(-rise / stride)
            : a + LogOneMinusExp(rise) - LogOneMinusExp(rise / stride);
    }

    /// <summary>ln(1 − e^y) for y &lt; 0, accurate as y → 0 (where 1 − e^y ≈ −y).</summary>
    private static double LogOneMinusExp(double y)
        => y < -0.693 ? Math.Log(1 - Math.Exp(y)) : Math.Log(y > -1e-5 ? -y * (1 + y / 2) : -(Math.Exp(y) - 1));

    /// <summary>
    /// A gated layer's memory in steps from the log of its figure F over T steps: τ = −2T/ln F, so F = e^(−2T/τ) and
    /// τ &lt; fraction × T exactly where NG0006's bar F &lt; e^(−2/fraction) is crossed (about −2/ln λ for a lone layer).
    /// </summary>
    public static double Memory(double logFigure, int steps) => logFigure >= 0 ? double.PositiveInfinity : -2.0 * steps / logFigure;

    /// <summary>
    /// The smallest memory-gate bias of gated layer <paramref name="layer"/>, in tenths from 1 (or from its own bias, which
    /// falls short) up to 20, whose figure over <paramref name="steps"/> reaches e^<paramref name="logTarget"/>; 20 when
    /// none does. The figure is not monotone in b — an LSTM's λ passes 1 where the candidate path adds to the gate, then
    /// falls back towards σ(b)² &lt; 1 as the cell saturates and that path closes — so the search gallops up in doubling
    /// strides to the first bias that reaches the bar, then bisects back within the last stride.
    /// </summary>
    public static double MemoryBiasFor(NetworkSpec spec, int layer, int steps, double logTarget)
    {
        const int Highest = 200;
        bool Reaches(int tenths) => LogGradientOverSequence(spec, Walk(spec, (layer, tenths / 10.0)), layer, steps) >= logTarget;
        int low = (int)Math.Min(Highest, Math.Max(10, Math.Ceiling(spec.Layers[layer].MemoryBias * 10)));
        if (Reaches(low)) return low / 10.0;
        int high = low;
        for (int stride = 1; ; stride *= 2)
        {
            high = Math.Min(Highest, low + stride);
            if (Reaches(high)) break;
            if (high == Highest) return Highest / 10.0;
            low = high;
        }
        while (high - low > 1)
        {
            int middle = (low + high) / 2;
            if (Reaches(middle)) high = middle; else low = middle;
        }
        return high / 10.0;
    }
}
