using System.ComponentModel;

namespace NetGen.Numerics;

/// <summary>
/// A plain-SGD step that generated code applies inside its backward pass (<see cref="Sgd.BeginFusedStep"/>): each layer's
/// parameters become decay·p + <see cref="Update"/>·∇p once their gradient is final. The default (Update 0) applies nothing.
/// </summary>
/// <param name="Update">−learning rate, or 0 when the optimizer steps after the backward pass.</param>
/// <param name="WeightDecay">The factor on the weights that weight decay applies to (1 − learning rate · weight decay; 1 without decay).</param>
/// <param name="OtherDecay">The factor on the other parameters (biases, normalisation): 1, or <paramref name="WeightDecay"/> with <see cref="Optimizer.DecayAllParameters"/>.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct FusedStep(float Update, float WeightDecay, float OtherDecay);
