namespace NetGen.Model;

/// <summary>
/// <c>[Dropout(p)]</c>, as torch.nn.Dropout: in training each value is zeroed with probability p and the others scaled by
/// 1/(1 − p) (inverted dropout); in evaluation the identity. No parameters; its counter is how many random draws its masks
/// have used, so that a resumed training draws the masks an uninterrupted one would.
/// </summary>
internal sealed class DropoutKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.Dropout;
    public override string AttributeName => "Dropout";
    public override string ViewType => "DropoutLayer";
    public override bool KeepsShape => true;
    public override bool HasTrainingMode => true;
    public override bool DropsValues => true;
    public override bool IsIdentityInEvaluation => true;
    public override bool HasParameters => false;
    public override bool HasPreActivation => false;
    public override bool RunsOnSequences => false;
    public override string[] Counters => ["draws"];
    public override TensorShape[] Tensors(LayerDimensions dimensions) => [];
    public override int[] OutputDimensions(int[] input, int units, Window? window) => input;

    /// <summary>Each value reads its own value: one to one.</summary>
    public override Connectivity Connections(LayerDimensions dimensions) => new(1, dimensions.Inputs, 1, 1, 1, 1);
}
