using System;

namespace NetGen;

/// <summary>A layer normalisation of a generated network: views over its slice of the parameters.</summary>
public sealed class LayerNormLayer : ParameterLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public LayerNormLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters, LayerKind.LayerNorm) { }

    /// <summary>γ, the input's shape (as <c>torch.nn.LayerNorm.weight</c>).</summary>
    public Span<float> Weight => Tensor("weight");

    /// <summary>β, the input's shape.</summary>
    public Span<float> Bias => Tensor("bias");
}
