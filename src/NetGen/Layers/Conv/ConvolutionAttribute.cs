namespace NetGen;

/// <summary>
/// What Conv1D and Conv2D share, with torch.nn.Conv1d/Conv2d's meanings: <c>filters</c> output channels, a square
/// kernel of <c>kernelSize</c> taps per axis, <see cref="Stride"/>, zero <see cref="Padding"/> on every side (or
/// <see cref="Same"/>), <see cref="Dilation"/>; weight <c>[filters, in channels, kernel…]</c>, bias <c>[filters]</c>.
/// </summary>
public abstract class ConvolutionAttribute : LayerAttribute
{
    /// <summary>Declares <paramref name="filters"/> output channels computed with a kernel of <paramref name="kernelSize"/> taps per axis.</summary>
    protected ConvolutionAttribute(int filters, int kernelSize, Activation activation)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Taps of the kernel along each axis.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to the convolution plus bias.</summary>
    public Activation Activation { get; }

    /// <summary>Step between windows (default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on each side of each axis (default 0).</summary>
    public int Padding { get; set; }

    /// <summary>Spacing of the kernel's taps (default 1).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Pads so the output has the input's length (PyTorch's <c>padding='same'</c>: stride 1 only; an uneven total pads the far side more).</summary>
    public bool Same { get; set; }

    /// <summary><c>nameof(EarlierLayer)</c>: that layer's output is added to this one's (shapes must match).</summary>
    public string? Residual { get; set; }
}
