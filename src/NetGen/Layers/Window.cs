// Shared source: compiled into the runtime (public) and, with NETGEN_MODEL defined, into the generator and the
// analyzer (internal, in NetGen.Model), as the enums are.
#if NETGEN_MODEL
namespace NetGen.Model;
#else
namespace NetGen;
#endif

/// <summary>
/// The sliding window of a convolution or pooling layer, per spatial axis, with PyTorch's meanings (<c>kernel_size</c>,
/// <c>stride</c>, <c>dilation</c>, <c>padding</c>); zero padding may differ between the two sides of an axis (padding
/// "same" with an even kernel, causal padding). A one-dimensional layer uses the width fields; its height fields are 1
/// and its vertical padding 0.
/// </summary>
/// <param name="KernelHeight">Rows of the kernel.</param>
/// <param name="KernelWidth">Columns of the kernel (its length in 1D).</param>
/// <param name="StrideHeight">Vertical step between windows.</param>
/// <param name="StrideWidth">Horizontal step between windows.</param>
/// <param name="DilationHeight">Vertical spacing of the kernel's taps.</param>
/// <param name="DilationWidth">Horizontal spacing of the kernel's taps.</param>
/// <param name="PadTop">Zeros above the input.</param>
/// <param name="PadBottom">Zeros below the input.</param>
/// <param name="PadLeft">Zeros before the input (a causal 1D layer pads here only).</param>
/// <param name="PadRight">Zeros after the input.</param>
#if NETGEN_MODEL
internal
#else
public
#endif
sealed record Window(
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadBottom, int PadLeft, int PadRight)
{
    /// <summary>Outputs along the height of an input <paramref name="height"/> rows high (PyTorch's floor rule; ≤ 0 when the kernel does not fit).</summary>
    public int OutputHeight(int height) => Outputs(height, PadTop + PadBottom, KernelHeight, StrideHeight, DilationHeight);

    /// <summary>Outputs along the width (the length in 1D).</summary>
    public int OutputWidth(int width) => Outputs(width, PadLeft + PadRight, KernelWidth, StrideWidth, DilationWidth);

    /// <summary>Taps of the kernel: KernelHeight · KernelWidth.</summary>
    public int Taps => KernelHeight * KernelWidth;

    private static int Outputs(int input, int padding, int kernel, int stride, int dilation)
    {
        long span = (long)dilation * (kernel - 1) + 1, padded = (long)input + padding;
        return padded < span || stride <= 0 ? 0 : (int)((padded - span) / stride + 1);
    }
}
