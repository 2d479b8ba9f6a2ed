namespace NetGen.Model;

/// <summary>
/// Pooling as torch.nn.MaxPool1d/2d and AvgPool1d/2d (<c>count_include_pad=True</c>): a window per channel, no
/// parameters, the channels passing through.
/// </summary>
internal abstract class PoolingKindDescriptor : LayerKindDescriptor
{
    public override string ViewType => "PoolingLayer";

    public override bool IsPooling => true;

    public override bool HasPreActivation => false;

    public override bool HasParameters => false;

    public override int InputRank => WindowRank + 1;

    /// <summary>The window's maximum, else its mean.</summary>
    public abstract bool IsMax { get; }

    public override PoolReduction Reduction => IsMax ? PoolReduction.Maximum : PoolReduction.Average;

    /// <summary>Each channel through the window on its own.</summary>
    public override Connectivity Connections(LayerDimensions dimensions) => WindowKinds.Connections(dimensions, 1);

    /// <summary>ONNX's MaxPool ignores padding, as PyTorch's −∞ does; its AveragePool counts it only when asked.</summary>
    public override string OnnxOperator => IsMax ? "MaxPool" : "AveragePool";

    public override (string Name, long Value)[] OnnxIntAttributes => IsMax ? [] : [("count_include_pad", 1)];

    public override TensorShape[] Tensors(LayerDimensions dimensions) => [];

    public override int[] OutputDimensions(int[] input, int units, Window? window) => WindowKinds.Output(input[0], input, window!);
}

/// <summary><c>[MaxPool1D(size)]</c>.</summary>
internal sealed class MaxPool1DKind : PoolingKindDescriptor
{
    public override LayerKind Kind => LayerKind.MaxPool1D;
    public override string AttributeName => "MaxPool1D";
    public override int WindowRank => 1;
    public override bool IsMax => true;
}

/// <summary><c>[MaxPool2D(size)]</c>.</summary>
internal sealed class MaxPool2DKind : PoolingKindDescriptor
{
    public override LayerKind Kind => LayerKind.MaxPool2D;
    public override string AttributeName => "MaxPool2D";
    public override int WindowRank => 2;
    public override bool IsMax => true;
}

/// <summary><c>[AvgPool1D(size)]</c>.</summary>
internal sealed class AvgPool1DKind : PoolingKindDescriptor
{
    public override LayerKind Kind => LayerKind.AvgPool1D;
    public override string AttributeName => "AvgPool1D";
    public override int WindowRank => 1;
    public override bool IsMax => false;
}

/// <summary><c>[AvgPool2D(size)]</c>.</summary>
internal sealed class AvgPool2DKind : PoolingKindDescriptor
{
    public override LayerKind Kind => LayerKind.AvgPool2D;
    public override string AttributeName => "AvgPool2D";
    public override int WindowRank => 2;
    public override bool IsMax => false;
}

/// <summary>
/// <c>[GlobalAvgPool]</c>: each channel's mean over every position (torch.nn.AdaptiveAvgPool2d(1) followed by a flatten),
/// from channels × length or channels × height × width to channels.
/// </summary>
internal sealed class GlobalAvgPoolKind : LayerKindDescriptor
{
    public override LayerKind Kind => LayerKind.GlobalAvgPool;
    public override string AttributeName => "GlobalAvgPool";
    public override string ViewType => "PoolingLayer";
    public override bool HasPreActivation => false;
    public override bool HasParameters => false;
    public override bool ReadsChannels => true;
    public override string OnnxOperator => "GlobalAveragePool";
    public override TensorShape[] Tensors(LayerDimensions dimensions) => [];
    public override int[] OutputDimensions(int[] input, int units, Window? window) => [input[0]];
    public override PoolReduction Reduction => PoolReduction.Average;

    /// <summary>Each channel's one output reads every position of its channel: a window as large as the input.</summary>
    public override Connectivity Connections(LayerDimensions dimensions)
        => new(1, dimensions.Units, dimensions.InPositions, dimensions.InPositions, 1, dimensions.InPositions);
}
