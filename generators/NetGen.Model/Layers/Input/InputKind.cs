namespace NetGen.Model;

/// <summary>The network's input: <c>[Input(size)]</c> on an <c>InputLayer</c> property, first and once; no parameters.</summary>
internal sealed class InputKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.Input;

    public override string AttributeName => "Input";

    public override string ViewType => "InputLayer";

    public override bool HasParameters => false;

    public override bool HasPreActivation => false;

    public override InferenceRole InferenceRole => InferenceRole.Input;

    public override TensorShape[] Tensors(LayerDimensions dimensions) => [];
}
