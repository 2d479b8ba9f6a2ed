using System;
using System.Runtime.CompilerServices;

namespace NetGen.Numerics;

/// <summary>
/// The shape of a sliding-window layer (convolution or pooling) over one sample stored NCHW without the batch axis,
/// as PyTorch defines it: output (o, i, j) reads input rows i·StrideHeight − PadTop + kh·DilationHeight and columns
/// j·StrideWidth − PadLeft + kw·DilationWidth, and positions outside the input are padding. A 1D layer is the 2D
/// case with InHeight = KernelHeight = OutHeight = 1.
/// </summary>
/// <remarks>
/// Only the top and left padding are given: the padding on the far sides is whatever <see cref="OutHeight"/> and
/// <see cref="OutWidth"/> make the last windows reach. That covers PyTorch's symmetric padding, padding='same' with an
/// uneven total (the extra on the far side), and causal 1D padding (PadLeft = (k − 1)·d, nothing on the right).
/// </remarks>
/// <param name="InChannels">Input channels C.</param>
/// <param name="InHeight">Input height H (1 for a 1D layer).</param>
/// <param name="InWidth">Input width W (the length of a 1D layer).</param>
/// <param name="OutChannels">Output channels (filters of a convolution; equal to <paramref name="InChannels"/> for pooling).</param>
/// <param name="KernelHeight">Window height (1 for a 1D layer).</param>
/// <param name="KernelWidth">Window width.</param>
/// <param name="StrideHeight">Rows between consecutive windows.</param>
/// <param name="StrideWidth">Columns between consecutive windows.</param>
/// <param name="DilationHeight">Rows between the taps of a window.</param>
/// <param name="DilationWidth">Columns between the taps of a window.</param>
/// <param name="PadTop">Padding rows before the first input row.</param>
/// <param name="PadLeft">Padding columns before the first input column.</param>
/// <param name="OutHeight">Output height.</param>
/// <param name="OutWidth">Output width.</param>
public readonly record struct WindowGeometry(int InChannels, int InHeight, int InWidth, int OutChannels, int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth, int DilationHeight, int DilationWidth, int PadTop, int PadLeft, int OutHeight, int OutWidth)
{
    /// <summary>Values in one input sample: C·H·W.</summary>
    public int InputSize => InChannels * InHeight * InWidth;

    /// <summary>Values in one output sample: OutChannels·OutHeight·OutWidth.</summary>
    public int OutputSize => OutChannels * OutHeight * OutWidth;

    /// <summary>Output positions per channel: OutHeight·OutWidth.</summary>
    public int Positions => OutHeight * OutWidth;

    /// <summary>Inputs one output of a convolution reads: InChannels·KernelHeight·KernelWidth (a row of its weights).</summary>
    public int Patch => InChannels * KernelHeight * KernelWidth;

    /// <summary>Values in the im2col matrix of one sample, [<see cref="Patch"/>, <see cref="Positions"/>].</summary>
    public int ColumnsSize => Patch * Positions;

    /// <summary>
    /// Throws unless every size, stride and dilation is positive, the padding is not negative, and the input, output
    /// and im2col sizes of a sample fit in an <see cref="int"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is not one a layer can have.</exception>
    public void Validate()
    {
        Positive(InChannels, nameof(InChannels));
        Positive(InHeight, nameof(InHeight));
        Positive(InWidth, nameof(InWidth));
        Positive(OutChannels, nameof(OutChannels));
        Positive(KernelHeight, nameof(KernelHeight));
        Positive(KernelWidth, nameof(KernelWidth));
        Positive(StrideHeight, nameof(StrideHeight));
        Positive(StrideWidth, nameof(StrideWidth));
        Positive(DilationHeight, nameof(DilationHeight));
        Positive(DilationWidth, nameof(DilationWidth));
        Positive(OutHeight, nameof(OutHeight));
        Positive(OutWidth, nameof(OutWidth));
        if (PadTop < 0 || PadLeft < 0)
            throw new ArgumentException($"Padding must not be negative, got top {PadTop} and left {PadLeft}.", PadTop < 0 ? nameof(PadTop) : nameof(PadLeft));
        // In double: a product of four ints can overflow a long.
        double positions = (double)OutHeight * OutWidth;
        double largest = Math.Max((double)InChannels * InHeight * InWidth, Math.Max(OutChannels * positions, (double)InChannels * KernelHeight * KernelWidth * positions));
        if (largest > int.MaxValue)
            throw new ArgumentException("A sample's input, output or im2col matrix would hold more values than a span can.", nameof(InChannels));
    }

    /// <summary>
    /// The o ∈ [0, <paramref name="count"/>) for which o·<paramref name="step"/> + <paramref name="offset"/> lies in
    /// [0, <paramref name="size"/>), as [From, To) with From ≤ To: the outputs whose tap reads inside the input (step a
    /// stride), or the taps of one window that do (step a dilation).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int From, int To) InsideRange(int offset, int step, int size, int count)
    {
        int from = offset >= 0 ? 0 : (-offset + step - 1) / step;
        int last = size - 1 - offset; // o·step ≤ last
        int to = last < 0 ? 0 : last / step + 1;
        from = Math.Min(from, count);
        return (from, Math.Clamp(to, from, count));
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0) throw new ArgumentException($"{name} must be positive, got {value}.", name);
    }
}
