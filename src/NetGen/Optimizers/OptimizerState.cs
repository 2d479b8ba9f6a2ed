using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// A snapshot of an <see cref="Optimizer"/>'s state (<see cref="Optimizer.ExportState"/>), enough for
/// <see cref="Optimizer.ImportState"/> to continue exactly where it was: per-parameter tensors, exact scalars and
/// the step count. Hyperparameters (learning rate, betas, …) are not state: they belong to the optimizer object.
/// </summary>
/// <param name="Optimizer">The optimizer's type name (<c>Adam</c>, <c>AdamW</c>, <c>Sgd</c>, <c>Rprop</c>); state imports only into the same type.</param>
/// <param name="StepCount">Steps taken (<see cref="Optimizer.StepCount"/>).</param>
/// <param name="ParameterCount">The number of parameters the state was sized for on the first step; null before it (then there are no tensors).</param>
/// <param name="Tensors">
/// Per-parameter state, each of <see cref="ParameterCount"/> values in the layout of <see cref="INetwork.Parameters"/>:
/// Adam and AdamW <c>exp_avg</c> and <c>exp_avg_sq</c> (the moments), Sgd with momentum <c>momentum_buffer</c>, Rprop <c>step_size</c>
/// and <c>prev_sign</c> (−1, 0 or 1), named as in PyTorch's optimizer state where it has them.
/// </param>
/// <param name="Scalars">
/// Exact scalar state: Adam <c>beta1_power</c> and <c>beta2_power</c> (β₁ᵗ and β₂ᵗ as the bias corrections use them).
/// </param>
public sealed record OptimizerState(
    string Optimizer,
    long StepCount,
    int? ParameterCount,
    IReadOnlyDictionary<string, float[]> Tensors,
    IReadOnlyDictionary<string, double> Scalars);
