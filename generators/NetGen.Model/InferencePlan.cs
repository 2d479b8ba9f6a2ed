using System.Collections.Generic;

namespace NetGen.Model;

/// <summary>
/// One computation of the inference form: a packed affine map (a dense layer, with the batch normalisation that follows
/// it folded into its weights when nothing else reads the dense layer's own output) or a per-feature scale and shift
/// (a batch normalisation that cannot be folded), then the activation and residual of its last layer.
/// </summary>
/// <param name="Index">Position among the stages.</param>
/// <param name="Layer">The layer whose weights (or γ, β and running statistics) the stage starts from.</param>
/// <param name="Folded">A batch normalisation folded into <paramref name="Layer"/>'s weights and bias, or null.</param>
/// <param name="Source">The stage whose output this one reads, -1 for the network's input.</param>
/// <param name="Residual">The stage whose output is added after the activation, -1 for the network's input, null for none.</param>
internal sealed record InferenceStage(int Index, LayerSpec Layer, LayerSpec? Folded, int Source, int? Residual)
{
    /// <summary>The layer whose output this stage computes (its activation and residual are the stage's).</summary>
    public LayerSpec Last => Folded ?? Layer;

    public bool IsAffine => Layer.Descriptor.InferenceRole == InferenceRole.Affine;

    /// <summary>A recurrent layer: its state kept between steps.</summary>
    public bool IsRecurrent => Layer.Descriptor.InferenceRole == InferenceRole.Recurrent;

    public int Inputs => Layer.InputSize;

    public int Units => Last.OutputSize;

    /// <summary>
    /// Floats per packed row, bias and output of a dense product over the units (a dense or simple recurrent layer, a
    /// normalisation's scale and shift): 8 up to 8 (one 256-bit vector), else a whole number of 512-bit vectors, as
    /// <c>InferenceKernels.Stride</c> at run time. The gated kinds lay their columns out themselves.
    /// </summary>
    public int Stride => Units <= 8 ? 8 : (Units + 15) & ~15;
}

/// <summary>
/// The inference form's plan for a network (<see cref="Of"/>), decided here alone from the kinds'
/// <see cref="LayerKindDescriptor.InferenceRole"/>: a feed-forward network whose every layer has a role, batch
/// normalisation over features only, gets one; a recurrent network whose layers are the input, recurrent layers and
/// dense layers without residuals gets one (with a streaming Step); any other gets none.
/// </summary>
internal static class InferencePlan
{
    /// <summary>The stages of <paramref name="spec"/>'s inference form, in order, or null when it has none.</summary>
    public static IReadOnlyList<InferenceStage>? Of(NetworkSpec spec)
    {
        if (spec.HasErrors || spec.Layers.Count < 2 || spec.Layers[0].Kind != LayerKind.Input) return null;
        var residualSources = new HashSet<int>();
        foreach (LayerSpec layer in spec.Layers)
        {
            InferenceRole role = layer.Descriptor.InferenceRole;
            if (role == InferenceRole.None || role == InferenceRole.Input && layer.Index != 0) return null;
            // A recurrent network: the input, recurrent layers and dense layers without residuals only (not yet: dropout,
            // batch normalisation, residuals); a feed-forward one has no recurrent layer by definition.
            if (spec.IsRecurrent && (role == InferenceRole.Identity || role == InferenceRole.FeatureScale || layer.HasResidual)) return null;
            if (!spec.IsRecurrent && role == InferenceRole.Recurrent) return null;
            if (role == InferenceRole.FeatureScale && layer.Positions != 1) return null; // over a convolution's channels
            if (layer.HasResidual) residualSources.Add(layer.ResidualIndex);
        }
        if (spec.Output.Descriptor.InferenceRole == InferenceRole.Identity) return null; // the input copied out: nothing to pack

        // producer[i]: the stage whose output holds layer i's output (-1: the input); dropout passes its input's on.
        var producer = new int[spec.Layers.Count];
        producer[0] = -1;
        var stages = new List<InferenceStage>();
        for (int index = 1; index < spec.Layers.Count; index++)
        {
            LayerSpec layer = spec.Layers[index];
            switch (layer.Descriptor.InferenceRole)
            {
                case InferenceRole.Identity:
                    producer[index] = producer[index - 1];
                    break;
                case InferenceRole.Affine:
                {
                    LayerSpec? next = index + 1 < spec.Layers.Count ? spec.Layers[index + 1] : null;
                    bool folds = next is not null && next.Descriptor.InferenceRole == InferenceRole.FeatureScale && next.Positions == 1
                        && layer.Activation == Activation.Linear && !layer.HasResidual && !residualSources.Contains(index);
                    stages.Add(new InferenceStage(stages.Count, layer, folds ? next : null, producer[index - 1], ResidualOf(folds ? next! : layer, producer)));
                    producer[index] = stages.Count - 1;
                    if (folds) producer[++index] = stages.Count - 1;
                    break;
                }
                case InferenceRole.Recurrent:
                    stages.Add(new InferenceStage(stages.Count, layer, null, producer[index - 1], null));
                    producer[index] = stages.Count - 1;
                    break;
                default: // FeatureScale
                    stages.Add(new InferenceStage(stages.Count, layer, null, producer[index - 1], ResidualOf(layer, producer)));
                    producer[index] = stages.Count - 1;
                    break;
            }
        }
        return stages;
    }

    private static int? ResidualOf(LayerSpec layer, int[] producer) => layer.HasResidual ? producer[layer.ResidualIndex] : null;
}
