namespace NetGen.Model;

/// <summary>A fully connected layer, <c>[Dense(units, activation)]</c>: <c>{Name}.weight [out, in]</c>, <c>{Name}.bias [out]</c> as torch.nn.Linear.</summary>
internal sealed class DenseKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.Dense;

    public override string AttributeName => "Dense";

    public override string ViewType => "DenseLayer";

    public override bool HasActivationArgument => true;

    public override InferenceRole InferenceRole => InferenceRole.Affine;

    public override TensorShape[] Tensors(LayerDimensions dimensions) => [new("weight", [dimensions.Units, dimensions.Inputs]), new("bias", [dimensions.Units])];
}
