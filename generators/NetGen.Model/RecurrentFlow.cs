using System;

namespace NetGen.Model;

/// <summary>
/// Mean-field gradient flow through time. For an Elman layer h_t = φ(W_ih·x_t + W_hh·h_{t−1}), the
/// pre-activation's second moment settles at the fixed point q* = σ_ih²·E[x²] + σ_hh²·E[φ(√q* ζ)²]
/// (σ² = fan_in·Var(W), inputs standardised), and each step back in time multiplies the gradient's mean
/// square by χ_r = σ_hh²·E[φ′(√q* ζ)²]: over T steps, χ_r^(T−1). An LSTM's memory at initialisation is
/// the forget gate's: a cell keeps σ(b_f) of its content per step, τ = −1/ln σ(b_f) steps.
/// </summary>
internal static class RecurrentFlow
{
    /// <summary>χ_r of a simple recurrent layer at its stationary second moment.</summary>
    public static double StepGain(LayerSpec layer)
    {
        double inputGain = layer.InputSize * GradientFlowEstimator.WeightVariance(layer);
        double recurrentGain = layer.OutputSize * GradientFlowEstimator.WeightVariance(layer.RecurrentInit, layer.OutputSize, layer.OutputSize);
        double q = inputGain;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double next = inputGain + recurrentGain * ActivationMoments.MeanSquare(layer.Activation, q);
            if (Math.Abs(next - q) <= 1e-12 * Math.Max(1, q) || next > 1e12) { q = next; break; }
            q = next;
        }
        return recurrentGain * ActivationMoments.DerivativeMeanSquare(layer.Activation, q);
    }

    /// <summary>The mean square of the gradient reaching step 1 from step T, relative to step T's: χ_r^(T−1).</summary>
    public static double GradientOverSequence(LayerSpec layer, int steps) => Math.Pow(StepGain(layer), Math.Max(0, steps - 1));

    /// <summary>
    /// An LSTM cell's memory at initialisation in steps: −1/ln σ(b) = 1/ln(1 + e^−b), with ln(1 + x) ≈ x for tiny x
    /// so that a large bias gives a long memory (+∞ in the limit) rather than a rounding to ln 1 = 0.
    /// </summary>
    public static double LstmMemory(LayerSpec layer)
    {
        double x = Math.Exp(-(double)layer.ForgetBias);
        return 1 / (x < 1e-8 ? x : Math.Log(1 + x));
    }

    /// <summary>The smallest forget bias whose memory reaches <paramref name="steps"/>: σ(b) = e^(−1/steps).</summary>
    public static double ForgetBiasForMemory(double steps)
    {
        double keep = Math.Exp(-1 / steps);
        return Math.Log(keep / (1 - keep));
    }
}
