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
