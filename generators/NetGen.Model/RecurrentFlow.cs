using System;

namespace NetGen.Model;

/// <summary>
/// Mean-field gradient flow through time. For an Elman layer h_t = φ(W_ih·x_t + W_hh·h_{t−1}), the
/// pre-activation's second moment settles at the fixed point q* = σ_ih²·E[x²] + σ_hh²·E[φ(√q* ζ)²]
/// (σ² = fan_in·Var(W), inputs standardised), and each step back in time multiplies the gradient's mean
/// square by χ_r = σ_hh²·E[φ′(√q* ζ)²]: over T steps, χ_r^(T−1). A gated kind's memory at initialisation comes
/// from the mean field of its state gradient (<see cref="GatedFlow"/>).
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
    public static double StepGain(LayerSpec layer)
    {
        double recurrentGain = RecurrentGain(layer);
        if (recurrentGain <= 0) return 0;
        int units = Math.Max(1, layer.OutputSize);
        double q = StationaryMeanSquare(layer);
        double logMean = Math.Log(recurrentGain) + LogMeanOfDerivativeSquares(ActivationCatalog.Of(layer.Activation), q, units);
        logMean -= Digamma(units / 2.0) + Math.Log(2.0 / units);
        return Math.Exp(logMean);
    }

    /// <summary>χ_r = σ_hh²·E[φ′(√q*·ζ)²]: the factor of the gradient's mean square per step, E[g] (≥ <see cref="StepGain"/>).</summary>
    public static double MeanSquareStepGain(LayerSpec layer)
        => RecurrentGain(layer) * ActivationMoments.DerivativeMeanSquare(layer.Activation, StationaryMeanSquare(layer));

    /// <summary>The typical gradient reaching step 1 from step T, relative to step T's: e^((T−1)·E[ln g]), <see cref="StepGain"/>^(T−1).</summary>
    public static double GradientOverSequence(LayerSpec layer, int steps) => Math.Pow(StepGain(layer), Math.Max(0, steps - 1));

    private static double RecurrentGain(LayerSpec layer)
        => layer.OutputSize * GradientFlowEstimator.WeightVariance(layer.RecurrentInit, layer.OutputSize, layer.OutputSize);

    /// <summary>q* = σ_ih² + σ_hh²·E[φ(√q*·ζ)²], iterated from σ_ih².</summary>
    private static double StationaryMeanSquare(LayerSpec layer)
    {
        double inputGain = layer.InputSize * GradientFlowEstimator.WeightVariance(layer);
        double recurrentGain = RecurrentGain(layer);
        double q = inputGain;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double next = inputGain + recurrentGain * ActivationMoments.MeanSquare(layer.Activation, q);
            if (Math.Abs(next - q) <= 1e-12 * Math.Max(1, q) || next > 1e12) { q = next; break; }
            q = next;
        }
        return q;
    }

    /// <summary>E[ln Σ_i φ′(z_i)²·ζ_i²/n | the sum &gt; 0] over n units, z_i ~ N(0, q), ζ_i ~ N(0, 1): see <see cref="StepGain"/>.</summary>
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
        const double Lowest = -40, Highest = 80, Step = 0.125;
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
    /// Per layer, the predicted factor of the gradient's mean square per step back in time: χ_r for a simple recurrent
    /// layer, λ = e^(−2/τ) for a gated one's state (<see cref="GatedFlow.StepGain"/>), NaN for a layer that is not recurrent.
    /// </summary>
    public static double PredictedStepGain(LayerSpec layer)
        => !layer.IsRecurrentKind ? double.NaN : layer.Descriptor.MemoryGate >= 0 ? GatedFlow.StepGain(layer) : StepGain(layer);

    /// <summary>A gated layer's memory at initialisation in steps, τ = −2/ln λ from the mean field of <see cref="GatedFlow"/>.</summary>
    public static double GatedMemory(LayerSpec layer) => GatedFlow.Memory(layer);

    /// <summary>The smallest memory-gate bias whose memory (<see cref="GatedMemory"/>) reaches <paramref name="steps"/> for this layer.</summary>
    public static double MemoryBiasFor(LayerSpec layer, double steps) => GatedFlow.MemoryBiasFor(layer, steps);
}
