using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Numerics;

/// <summary>
/// Pooling for generated code, as torch.nn.MaxPool1d/2d, AvgPool1d/2d and a global average (AdaptiveAvgPool to 1)
/// define it, over one sample stored NCHW without the batch axis. Windows follow <see cref="WindowGeometry"/>
/// (OutChannels = InChannels; any stride, dilation and padding). The backward kernels add to dx; the caller
/// clears it when it needs to.
/// </summary>
public static class PoolKernels
{
    /// <summary>
    /// y[c, i, j] = the largest x in the window, as MaxPool2d computes it: padding never wins (it counts as −∞),
    /// and a NaN anywhere in the window gives NaN. A window that lies wholly in padding gives −∞.
    /// </summary>
    /// <param name="x">The input, [C, InHeight, InWidth].</param>
    /// <param name="y">Receives the output, [C, OutHeight, OutWidth].</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, its channels differ, or a span is shorter than it says.</exception>
    public static void MaxForward(ReadOnlySpan<float> x, Span<float> y, in WindowGeometry g)
    {
        Check(g);
        SpanLength.AtLeast(x.Length, g.InputSize, nameof(x));
        SpanLength.AtLeast(y.Length, g.OutputSize, nameof(y));
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(y);
        int width = g.InWidth, plane = g.InHeight * width, at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                int top = i * g.StrideHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(top, g.DilationHeight, g.InHeight, g.KernelHeight);
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    int left = j * g.StrideWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(left, g.DilationWidth, width, g.KernelWidth);
                    float max = float.NegativeInfinity;
                    for (int kh = firstRow; kh < endRow; kh++)
                    {
                        int line = c * plane + (top + kh * g.DilationHeight) * width + left; // plus a tap, an index inside x
                        for (int kw = first; kw < end; kw++)
                        {
                            float value = Unsafe.Add(ref input, line + kw * g.DilationWidth);
                            if (value > max || float.IsNaN(value)) max = value; // PyTorch's test: NaN wins, and stays
                        }
                    }
                    Unsafe.Add(ref output, at) = max;
                }
            }
    }

    /// <summary>
    /// dx += dy routed to the input each output came from, found again from x and y instead of stored: the first
    /// position of the window, scanning rows then columns, whose x equals y; for a NaN output the last NaN of the window.
    /// Those are the positions MaxPool2d's CPU kernel records (it keeps the first maximum, and moves to every NaN it meets).
    /// </summary>
    /// <param name="x">The input <see cref="MaxForward"/> read.</param>
    /// <param name="y">The output <see cref="MaxForward"/> wrote.</param>
    /// <param name="dy">∂L/∂y, laid out as y.</param>
    /// <param name="dx">∂L/∂x, laid out as x: receives the routed gradient added to it.</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, its channels differ, or a span is shorter than it says.</exception>
    public static void MaxBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, in WindowGeometry g)
    {
        Check(g);
        SpanLength.AtLeast(x.Length, g.InputSize, nameof(x));
        SpanLength.AtLeast(y.Length, g.OutputSize, nameof(y));
        SpanLength.AtLeast(dy.Length, g.OutputSize, nameof(dy));
        SpanLength.AtLeast(dx.Length, g.InputSize, nameof(dx));
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float gradient = ref MemoryMarshal.GetReference(dx);
        int width = g.InWidth, plane = g.InHeight * width, at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                int top = i * g.StrideHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(top, g.DilationHeight, g.InHeight, g.KernelHeight);
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    int left = j * g.StrideWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(left, g.DilationWidth, width, g.KernelWidth);
                    float max = y[at];
                    bool nan = float.IsNaN(max);
                    int source = -1;
                    for (int kh = firstRow; kh < endRow && (nan || source < 0); kh++)
                    {
                        int line = c * plane + (top + kh * g.DilationHeight) * width + left;
                        for (int kw = first; kw < end; kw++)
                        {
                            int index = line + kw * g.DilationWidth;
                            float value = Unsafe.Add(ref input, index);
                            if (nan ? float.IsNaN(value) : value == max)
                            {
                                source = index;
                                if (!nan) break;
                            }
                        }
                    }
                    if (source >= 0) Unsafe.Add(ref gradient, source) += dy[at];
                }
            }
    }

    /// <summary>
    /// y[c, i, j] = (Σ x over the window) / (KernelHeight·KernelWidth): AvgPool2d with count_include_pad=True, padding
    /// adding zeros to the sum but still counted. (With ceil_mode a window reaching past the padding would count fewer;
    /// the divisor here is always the whole kernel.)
    /// </summary>
    /// <param name="x">The input, [C, InHeight, InWidth].</param>
    /// <param name="y">Receives the output, [C, OutHeight, OutWidth].</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, its channels differ, or a span is shorter than it says.</exception>
    public static void AverageForward(ReadOnlySpan<float> x, Span<float> y, in WindowGeometry g)
    {
        Check(g);
        SpanLength.AtLeast(x.Length, g.InputSize, nameof(x));
        SpanLength.AtLeast(y.Length, g.OutputSize, nameof(y));
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(y);
        int width = g.InWidth, plane = g.InHeight * width, at = 0;
        float divisor = g.KernelHeight * g.KernelWidth;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                int top = i * g.StrideHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(top, g.DilationHeight, g.InHeight, g.KernelHeight);
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    int left = j * g.StrideWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(left, g.DilationWidth, width, g.KernelWidth);
                    float sum = 0f;
                    for (int kh = firstRow; kh < endRow; kh++)
                    {
                        int line = c * plane + (top + kh * g.DilationHeight) * width + left;
                        for (int kw = first; kw < end; kw++) sum += Unsafe.Add(ref input, line + kw * g.DilationWidth);
                    }
                    Unsafe.Add(ref output, at) = sum / divisor; // divided, not multiplied by 1/k, as PyTorch rounds it
                }
            }
    }

    /// <summary>dx[window of (c, i, j)] += dy[c, i, j] / (KernelHeight·KernelWidth) over every output, skipping padding.</summary>
    /// <param name="dy">∂L/∂y, [C, OutHeight, OutWidth].</param>
    /// <param name="dx">∂L/∂x, [C, InHeight, InWidth]: receives the gradient added to it.</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, its channels differ, or a span is shorter than it says.</exception>
    public static void AverageBackward(ReadOnlySpan<float> dy, Span<float> dx, in WindowGeometry g)
    {
        Check(g);
        SpanLength.AtLeast(dy.Length, g.OutputSize, nameof(dy));
        SpanLength.AtLeast(dx.Length, g.InputSize, nameof(dx));
        ref float gradient = ref MemoryMarshal.GetReference(dx);
        int width = g.InWidth, plane = g.InHeight * width, at = 0;
        float divisor = g.KernelHeight * g.KernelWidth;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
            {
                int top = i * g.StrideHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(top, g.DilationHeight, g.InHeight, g.KernelHeight);
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    int left = j * g.StrideWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(left, g.DilationWidth, width, g.KernelWidth);
                    float share = dy[at] / divisor;
                    for (int kh = firstRow; kh < endRow; kh++)
                    {
                        int line = c * plane + (top + kh * g.DilationHeight) * width + left;
                        for (int kw = first; kw < end; kw++) Unsafe.Add(ref gradient, line + kw * g.DilationWidth) += share;
                    }
                }
            }
    }

    /// <summary>y[c] = the mean of x[c, ·] over its <paramref name="positions"/> values (AdaptiveAvgPool to one output).</summary>
    /// <param name="x">The input, [channels, positions].</param>
    /// <param name="y">Receives one mean per channel.</param>
    /// <param name="channels">Channels C.</param>
    /// <param name="positions">Values per channel (H·W, or the length of a 1D input).</param>
    /// <exception cref="ArgumentException">A count is not positive or a span is shorter than they say.</exception>
    public static void GlobalAverageForward(ReadOnlySpan<float> x, Span<float> y, int channels, int positions)
    {
        CheckGlobal(channels, positions);
        SpanLength.AtLeast(x.Length, (long)channels * positions, nameof(x));
        SpanLength.AtLeast(y.Length, channels, nameof(y));
        for (int c = 0; c < channels; c++) y[c] = TensorPrimitives.Sum(x.Slice(c * positions, positions)) / positions;
    }

    /// <summary>dx[c, ·] += dy[c] / <paramref name="positions"/>.</summary>
    /// <param name="dy">∂L/∂y, one per channel.</param>
    /// <param name="dx">∂L/∂x, [channels, positions]: receives the gradient added to it.</param>
    /// <param name="channels">Channels C.</param>
    /// <param name="positions">Values per channel.</param>
    /// <exception cref="ArgumentException">A count is not positive or a span is shorter than they say.</exception>
    public static void GlobalAverageBackward(ReadOnlySpan<float> dy, Span<float> dx, int channels, int positions)
    {
        CheckGlobal(channels, positions);
        SpanLength.AtLeast(dy.Length, channels, nameof(dy));
        SpanLength.AtLeast(dx.Length, (long)channels * positions, nameof(dx));
        for (int c = 0; c < channels; c++)
        {
            Span<float> row = dx.Slice(c * positions, positions);
            TensorPrimitives.Add(row, dy[c] / positions, row);
        }
    }

    private static void Check(in WindowGeometry g)
    {
        g.Validate();
        if (g.OutChannels != g.InChannels)
            throw new ArgumentException($"Pooling keeps the channels: OutChannels is {g.OutChannels}, InChannels {g.InChannels}.", nameof(g));
    }

    private static void CheckGlobal(int channels, int positions)
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Must be positive.");
        if (positions <= 0) throw new ArgumentOutOfRangeException(nameof(positions), positions, "Must be positive.");
    }
}
