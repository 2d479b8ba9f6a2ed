namespace NetGen.Model;

/// <summary>
/// <c>[LayerNorm(activation)]</c>, as torch.nn.LayerNorm(normalized_shape) over every value of a sample (its whole shape:
/// features, or channels × positions; eps 1e-5), then the activation: <c>{Name}.weight</c> and <c>{Name}.bias</c> of that shape.
/// </summary>
internal sealed class LayerNormKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.LayerNorm;
    public override string AttributeName => "LayerNorm";
    public override string ViewType => "LayerNormLayer";
    public override bool HasActivationArgument => true;
    public override int ActivationArgument => 0;
    public override bool KeepsShape => true;
    public override bool Standardizes => true;
    public override bool RunsOnSequences => false;
    public override bool DecaysWeights => false;
    public override string OnnxOperator => "LayerNormalization";

    /// <summary>Axis 1: every axis after the batch, the sample's whole shape (ONNX's default, −1, is the last axis only).</summary>
    public override (string Name, long Value)[] OnnxIntAttributes => [("axis", 1)];

    public override (string Name, float Value)[] OnnxFloatAttributes => [("epsilon", 1e-5f)];
    public override TensorShape[] Tensors(LayerDimensions dimensions) => [new("weight", dimensions.Input), new("bias", dimensions.Input)];
    public override int[] OutputDimensions(int[] input, int units, Window? window) => input;

    /// <summary>Each value reads its own value (and the sample's statistics): one to one.</summary>
    public override Connectivity Connections(LayerDimensions dimensions) => new(1, dimensions.Inputs, 1, 1, 1, 1);
}
