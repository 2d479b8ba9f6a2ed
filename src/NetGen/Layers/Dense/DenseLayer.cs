using System;

namespace NetGen;

/// <summary>A dense layer of a generated network: views over its slice of the parameters.</summary>
public sealed class DenseLayer : ParameterLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public DenseLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters, LayerKind.Dense) { }

    /// <summary>W, <c>[Units, Inputs]</c> row-major (as <c>torch.nn.Linear.weight</c>).</summary>
    public Span<float> Weights => Tensor("weight");

    /// <summary>b, <c>[Units]</c>.</summary>
    public Span<float> Bias => Tensor("bias");
}
