namespace NetGen.Model;

/// <summary>
/// A convolution as torch.nn.Conv1d / Conv2d: <c>{Name}.weight [filters, in channels, (kernel height,) kernel width]</c>,
/// <c>{Name}.bias [filters]</c>; output channels × each axis's output length.
/// </summary>
internal abstract class ConvKindDescriptor : LayerKindDescriptor
{
    public override string ViewType => "ConvLayer";

    public override bool HasActivationArgument => true;

    public override int ActivationArgument => 2;

    public override int InputRank => WindowRank + 1;

    public override bool HasDilation => true;

    /// <summary>ONNX's Conv takes PyTorch's weight layout as it is: [filters, in channels / groups, kernel…].</summary>
    public override string OnnxOperator => "Conv";

    public override TensorShape[] Tensors(LayerDimensions dimensions)
    {
        Window window = dimensions.Window!;
        int[] weight = WindowRank == 1
            ? [dimensions.Units, dimensions.InChannels, window.KernelWidth]
            : [dimensions.Units, dimensions.InChannels, window.KernelHeight, window.KernelWidth];
        return [new("weight", weight), new("bias", [dimensions.Units])];
    }

    public override int[] OutputDimensions(int[] input, int units, Window? window) => WindowKinds.Output(units, input, window!);

    /// <summary>Every input channel, through the window: fan-in = input channels × kernel taps.</summary>
    public override Connectivity Connections(LayerDimensions dimensions) => WindowKinds.Connections(dimensions, dimensions.InChannels);
}

/// <summary><c>[Conv1D(filters, kernel, activation)]</c> over channels × length, with dilation and causal padding for temporal convolution networks.</summary>
internal sealed class Conv1DKind : ConvKindDescriptor
{
    public override LayerKind Kind => LayerKind.Conv1D;

    public override string AttributeName => "Conv1D";

    public override int WindowRank => 1;
}

/// <summary><c>[Conv2D(filters, kernel, activation)]</c> over channels × height × width.</summary>
internal sealed class Conv2DKind : ConvKindDescriptor
{
    public override LayerKind Kind => LayerKind.Conv2D;

    public override string AttributeName => "Conv2D";

    public override int WindowRank => 2;
}

/// <summary>The output dimensions every window kind shares.</summary>
internal static class WindowKinds
{
    /// <summary><paramref name="channels"/>, then the output length of each spatial axis of <paramref name="input"/> (channels first).</summary>
    public static int[] Output(int channels, int[] input, Window window)
        => input.Length == 2 ? [channels, window.OutputWidth(input[1])] : [channels, window.OutputHeight(input[1]), window.OutputWidth(input[2])];

    /// <summary>A window kind's connections: each output reads <paramref name="inChannels"/> channels through its window.</summary>
    public static Connectivity Connections(LayerDimensions dimensions, int inChannels)
        => new(inChannels, dimensions.Units, Connectivity.WindowPairs(dimensions.Input, dimensions.Output, dimensions.Window!),
            dimensions.InPositions, dimensions.OutPositions, dimensions.Window!.Taps);
}
