namespace NetGen.Model;

/// <summary>
/// <c>[BatchNorm(activation)]</c>, as torch.nn.BatchNorm1d over features or over the channels of channels × length, and
/// BatchNorm2d over the channels of channels × height × width (momentum 0.1, eps 1e-5), then the activation:
/// <c>{Name}.weight [C]</c> (γ), <c>{Name}.bias [C]</c> (β), and the state <c>running_mean [C]</c>, <c>running_var [C]</c>,
/// <c>num_batches_tracked</c>.
/// </summary>
internal sealed class BatchNormKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.BatchNorm;
    public override string AttributeName => "BatchNorm";
    public override string ViewType => "BatchNormLayer";
    public override bool HasActivationArgument => true;
    public override int ActivationArgument => 0;
    public override bool KeepsShape => true;
    public override bool HasTrainingMode => true;
    public override bool UsesBatchStatistics => true;
    public override InferenceRole InferenceRole => InferenceRole.FeatureScale;
    public override bool Standardizes => true;
    public override bool RunsOnSequences => false;
    public override bool DecaysWeights => false;
    public override string[] Counters => ["num_batches_tracked"];
    public override bool CountersInStateDict => true;
    public override string OnnxOperator => "BatchNormalization";

    /// <summary>The node's default mode is inference (running statistics), the mode <c>Forward</c> computes; eps is PyTorch's.</summary>
    public override (string Name, float Value)[] OnnxFloatAttributes => [("epsilon", 1e-5f)];
    public override TensorShape[] Tensors(LayerDimensions dimensions) => [new("weight", [dimensions.InChannels]), new("bias", [dimensions.InChannels])];
    public override TensorShape[] Buffers(LayerDimensions dimensions) => [new("running_mean", [dimensions.InChannels]), new("running_var", [dimensions.InChannels])];
    public override int[] OutputDimensions(int[] input, int units, Window? window) => input;

    /// <summary>Each value reads its own channel's value: one to one.</summary>
    public override Connectivity Connections(LayerDimensions dimensions) => new(1, dimensions.InChannels, dimensions.InPositions, dimensions.InPositions, dimensions.InPositions, 1);
}
