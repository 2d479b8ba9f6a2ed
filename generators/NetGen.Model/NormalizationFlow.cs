using System;

namespace NetGen.Model;

/// <summary>
/// The mean-field maps of the kinds that standardise (batch and layer normalisation) or drop values (dropout), in training
/// mode, which is where gradients are taken.
/// <para>
/// Batch normalisation (Yang et al. 2019) standardises each feature over the batch: its pre-activation z = γx̂ + β has
/// q = 1 (γ = 1, β = 0 at initialisation) whatever came before, and the part of its input x shared by the samples of a batch
/// (through fixed weights, the mean of the activations below: the estimate's cross moment, which it keeps for two positions
/// and which two independent samples share alike) is removed. Backward, dL/dx = Π(dL/dz)/σ_B, Π the projection
/// off the batch's mean and x̂ directions: E[(dL/dx)²] = E[δ_z²]/Var_B[x], Var_B[x] = E[x²] − E[x x′]. Over a dense
/// layer reading φ(z) of the batch normalisation below, Var_B[x] = σ²·n·Var[φ] and the weights send σ²·n·E[(dL/dx)²] back,
/// so each block gains χ = E[φ′²]/Var[φ] for z ~ N(0, 1) whatever σ²: π/(π − 1) ≈ 1.47 for ReLU, and ≥ 1 for every
/// activation by the Gaussian Poincaré inequality (Var[φ] ≤ E[φ′²]; 1 only for a linear one): without skip connections the
/// gradient explodes with depth. The projection's (B − 2)/B for a batch of B is left out (the batch size is not part of the
/// network; large batches assumed: at 64 it is 3 % per layer, which a 50-layer stack measures as ≈ 0.3 decade of δ²).
/// Residual connections are handled by the general machinery (the gradient sums the identity and the normalised path).
/// </para>
/// <para>
/// Layer normalisation standardises each sample over its n values: q = 1 again, but what samples share stays (the
/// correlation of z between two samples or positions is that of x), and the backward gain is (n − 2)/n · 1/E[x²]: the
/// Jacobian (I − 11ᵀ/n − x̂x̂ᵀ/n)/σ projects δ off two of the sample's n directions, and σ² is the sample's own variance,
/// one for all its units (so no spread over units, unlike the batch's). Over a dense layer reading φ(z),
/// χ = (n − 2)/n · E[φ′²]/E[φ²] ((n − 2)/n for ReLU: 0.97 per block at n = 64, which deep stacks measure).
/// </para>
/// <para>
/// Inverted dropout with keep rate ρ = 1 − p (Schoenholz et al. 2017) multiplies the second moment of what passes by 1/ρ
/// (the next pre-activation's q by 1/ρ) and the gradient sent back by 1/ρ; means, and products between two samples or
/// positions (independent masks), are kept.
/// </para>
/// </summary>
internal static class NormalizationFlow
{
    /// <summary>A normalisation layer's output: z standardised, then its activation.</summary>
    public static GradientFlowEstimator.Signal Forward(LayerSpec layer, LayerSpec below, GradientFlowEstimator.Signal input)
    {
        double shared = Math.Min(input.CrossMoment, input.MeanSquare);
        // Over the batch: the shared part goes (z's correlation 0), the variance left is Var_B. Over the sample: all stays.
        double variance = layer.Descriptor.UsesBatchStatistics ? input.MeanSquare - shared : input.MeanSquare;
        double correlation = layer.Descriptor.UsesBatchStatistics || input.MeanSquare <= 0 ? 0 : shared / input.MeanSquare;
        // Over the batch each unit has its own variance (the spread of 1/V over the units); over the sample one V for all.
        // Layer normalisation's Jacobian projects δ off the sample's mean and x̂ directions: (n − 2)/n of δ² stays.
        double gain = variance <= 0 ? 0
            : layer.Descriptor.UsesBatchStatistics ? InverseVarianceSpread(below) / variance
            : System.Math.Max(0, layer.OutputSize - 2.0) / layer.OutputSize / variance; // one or two values standardise to constants
        return new GradientFlowEstimator.Signal(1, correlation, ActivationMoments.MeanSquare(layer.Activation, 1), ActivationMoments.Mean(layer.Activation, 1),
            ActivationMoments.MeanProduct(layer.Activation, 1, correlation), gain);
    }

    /// <summary>
    /// E[1/V]·E[V] for the variance V = Σ_j w_j²·Var[a_j] of a unit of the weight layer below, over its units (Jensen: the
    /// backward gain is 1/V unit by unit): 1 + (E[w⁴]/E[w²]² − 1)/fan-in, 0.8/fan-in for the uniform inits; an orthogonal
    /// init's rows all have the same norm. Measured, it is most of what the large-fan-in estimate misses per layer
    /// (≈ 1.3 % of δ² at fan-in 64, a factor 1.8 over 50 layers).
    /// </summary>
    private static double InverseVarianceSpread(LayerSpec below)
        => below.Descriptor.HasParameters && !below.Descriptor.Standardizes && below.Init != Init.Orthogonal ? 1 + 0.8 / below.Connections.FanIn : 1;

    /// <summary>The standardised input x̂ that γ multiplies.</summary>
    public static GradientFlowEstimator.Signal Standardized(GradientFlowEstimator.Signal output)
        => new(1, output.Correlation, 1, 0, output.Correlation, 1);

    /// <summary>dL/dx from δ = dL/dz: scaled by 1/σ²; over the batch, the shared part is projected out.</summary>
    public static GradientFlowEstimator.Gradient Backward(LayerSpec layer, GradientFlowEstimator.Signal output, GradientFlowEstimator.Gradient delta)
        => new(output.BackwardGain * delta.MeanSquare, layer.Descriptor.UsesBatchStatistics ? 0 : output.BackwardGain * delta.CrossMoment);

    /// <summary>Dropout's output: E[a²]/ρ, the mean and products kept; the gradient back gains 1/ρ.</summary>
    public static GradientFlowEstimator.Signal Dropout(LayerSpec layer, GradientFlowEstimator.Signal input)
    {
        double keep = 1 - layer.DropoutProbability;
        return input with { MeanSquare = input.MeanSquare / keep, BackwardGain = 1 / keep };
    }
}
