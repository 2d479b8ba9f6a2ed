using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        if (WindowsInside(g))
        {
            MaxForwardInside(ref input, ref output, g);
            return;
        }
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
        if (WindowsInside(g))
        {
            MaxBackwardInside(ref input, ref MemoryMarshal.GetReference(y), ref MemoryMarshal.GetReference(dy), ref gradient, g);
            return;
        }
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

    /// <summary>
    /// Whether every window lies wholly inside the input (no padding, and the last window ends inside): the usual
    /// pooling layer. Max pooling then needs no clipping of windows and runs <see cref="MaxForwardInside"/> and
    /// <see cref="MaxBackwardInside"/>, whose sizes sit in locals rather than being read from the geometry per output.
    /// </summary>
    private static bool WindowsInside(in WindowGeometry g)
        => g.PadTop == 0 && g.PadLeft == 0
            && (long)(g.OutHeight - 1) * g.StrideHeight + (long)(g.KernelHeight - 1) * g.DilationHeight < g.InHeight
            && (long)(g.OutWidth - 1) * g.StrideWidth + (long)(g.KernelWidth - 1) * g.DilationWidth < g.InWidth;

    /// <summary>
    /// <see cref="MaxForward"/> when every window lies inside the input: the same scan and comparisons, without clipping.
    /// The 2×2 window with stride 2 (MaxPool2d(2)) runs in vectors where the output rows are at least 4 wide.
    /// </summary>
    private static void MaxForwardInside(ref float input, ref float output, in WindowGeometry g)
    {
        int width = g.InWidth, plane = g.InHeight * width, channels = g.InChannels, outHeight = g.OutHeight, outWidth = g.OutWidth;
        int kernelHeight = g.KernelHeight, kernelWidth = g.KernelWidth, rowStep = g.StrideHeight * width, columnStep = g.StrideWidth;
        int rowTap = g.DilationHeight * width, columnTap = g.DilationWidth;
        if (Avx512F.VL.IsSupported && outWidth >= 4 && kernelHeight == 2 && kernelWidth == 2 && g.StrideHeight == 2 && columnStep == 2 && g.DilationHeight == 1 && columnTap == 1)
        {
            MaxForward2x2(ref input, ref output, channels, plane, width, outHeight, outWidth);
            return;
        }
        int at = 0;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < outHeight; i++)
            {
                int row = c * plane + i * rowStep;
                for (int j = 0; j < outWidth; j++, at++)
                {
                    int start = row + j * columnStep;
                    float max = float.NegativeInfinity;
                    for (int kh = 0; kh < kernelHeight; kh++)
                        for (int kw = 0; kw < kernelWidth; kw++)
                        {
                            float value = Unsafe.Add(ref input, start + kh * rowTap + kw * columnTap);
                            if (value > max || float.IsNaN(value)) max = value;
                        }
                    Unsafe.Add(ref output, at) = max;
                }
            }
    }

    /// <summary>
    /// MaxPool2d(2) with AVX-512: 8 outputs per step (4 when the rows are narrower than 8) from two 16-float (8-float)
    /// input rows. Each lane pair (2j, 2j + 1) meets its neighbour through a swap inside the pair; lane 2j then runs
    /// the scalar path's chain x00, x01, x10, x11 with the same test (greater, or NaN), and the even lanes are narrowed
    /// into the output (vpmovqd). A row's last block overlaps the one before it rather than leaving a tail.
    /// </summary>
    private static void MaxForward2x2(ref float input, ref float output, int channels, int plane, int width, int outHeight, int outWidth)
    {
        int block = outWidth >= 8 ? 8 : 4, at = 0;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < outHeight; i++, at += outWidth)
            {
                ref float top = ref Unsafe.Add(ref input, c * plane + 2 * i * width);
                ref float bottom = ref Unsafe.Add(ref top, width);
                ref float line = ref Unsafe.Add(ref output, at);
                for (int j = 0; ; j += block)
                {
                    if (j > outWidth - block) j = outWidth - block;
                    if (block == 8)
                    {
                        Vector512<float> upper = Vector512.LoadUnsafe(ref top, (nuint)(2 * j)), lower = Vector512.LoadUnsafe(ref bottom, (nuint)(2 * j));
                        Vector512<float> max = Pick(Avx512F.Permute4x32(upper, 0b10_11_00_01), upper);
                        max = Pick(Avx512F.Permute4x32(lower, 0b10_11_00_01), Pick(lower, max));
                        Avx512F.ConvertToVector256Int32(max.AsInt64()).AsSingle().StoreUnsafe(ref line, (nuint)j);
                    }
                    else
                    {
                        Vector256<float> upper = Vector256.LoadUnsafe(ref top, (nuint)(2 * j)), lower = Vector256.LoadUnsafe(ref bottom, (nuint)(2 * j));
                        Vector256<float> max = Pick(Avx.Permute(upper, 0b10_11_00_01), upper);
                        max = Pick(Avx.Permute(lower, 0b10_11_00_01), Pick(lower, max));
                        Avx512F.VL.ConvertToVector128Int32(max.AsInt64()).AsSingle().StoreUnsafe(ref line, (nuint)j);
                    }
                    if (j + block >= outWidth) break;
                }
            }
    }

    /// <summary>The scalar test per lane: <paramref name="value"/> where it is greater than <paramref name="max"/> or NaN, else max.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pick(Vector512<float> value, Vector512<float> max)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(value, max) | ~Vector512.Equals(value, value), value, max);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pick(Vector256<float> value, Vector256<float> max)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(value, max) | ~Vector256.Equals(value, value), value, max);

    /// <summary>
    /// <see cref="MaxBackward"/> when every window lies inside the input: the same routing, without clipping.
    /// MaxPool2d(2) routes 8 outputs at a time with AVX-512 (<see cref="MaxBackward2x2"/>), the rest of a row one by one.
    /// </summary>
    private static void MaxBackwardInside(ref float input, ref float y, ref float dy, ref float gradient, in WindowGeometry g)
    {
        int width = g.InWidth, plane = g.InHeight * width, channels = g.InChannels, outHeight = g.OutHeight, outWidth = g.OutWidth;
        int kernelHeight = g.KernelHeight, kernelWidth = g.KernelWidth, rowStep = g.StrideHeight * width, columnStep = g.StrideWidth;
        int rowTap = g.DilationHeight * width, columnTap = g.DilationWidth, at = 0;
        bool vectors = Avx512F.VL.IsSupported && kernelHeight == 2 && kernelWidth == 2 && g.StrideHeight == 2 && columnStep == 2 && g.DilationHeight == 1 && columnTap == 1;
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < outHeight; i++)
            {
                int row = c * plane + i * rowStep, j = 0;
                if (vectors)
                {
                    j = MaxBackward2x2(ref Unsafe.Add(ref input, row), ref Unsafe.Add(ref y, at), ref Unsafe.Add(ref dy, at), ref Unsafe.Add(ref gradient, row), width, outWidth);
                    at += j;
                }
                for (; j < outWidth; j++, at++)
                {
                    int start = row + j * columnStep, source = -1;
                    float max = Unsafe.Add(ref y, at);
                    if (float.IsNaN(max))
                    {
                        for (int kh = 0; kh < kernelHeight; kh++) // the last NaN of the window
                            for (int kw = 0; kw < kernelWidth; kw++)
                            {
                                int index = start + kh * rowTap + kw * columnTap;
                                if (float.IsNaN(Unsafe.Add(ref input, index))) source = index;
                            }
                    }
                    else
                    {
                        for (int kh = 0; kh < kernelHeight && source < 0; kh++) // the first position holding the maximum
                            for (int kw = 0; kw < kernelWidth; kw++)
                            {
                                int index = start + kh * rowTap + kw * columnTap;
                                if (Unsafe.Add(ref input, index) == max)
                                {
                                    source = index;
                                    break;
                                }
                            }
                    }
                    if (source >= 0) Unsafe.Add(ref gradient, source) += Unsafe.Add(ref dy, at);
                }
            }
    }

    /// <summary>
    /// MaxPool2d(2)'s routing for one output row, 8 outputs at a time: returns how many outputs it routed (the caller
    /// routes the rest, as the scalar scan does). <paramref name="input"/> and <paramref name="gradient"/> point at the window's top row,
    /// <paramref name="y"/> and <paramref name="dy"/> at the output row. Each output's y and dy are spread over its
    /// pair of lanes (2j, 2j + 1) of both input rows; in each row a lane is chosen when it matches (equals y, or for a
    /// NaN y is NaN) and, for the first match, its pair's even lane did not (for the last NaN, the odd lane did not),
    /// and the top row (for a NaN, the bottom one) wins over the other: the position the scalar scan finds. Windows
    /// do not overlap, so each chosen lane adds its dy once.
    /// </summary>
    private static int MaxBackward2x2(ref float input, ref float y, ref float dy, ref float gradient, int width, int outWidth)
    {
        int j = 0;
        if (outWidth >= 8)
        {
            Vector512<int> spread = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
            Vector512<float> odd = Vector512.Create(0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1).AsSingle();
            for (; j + 8 <= outWidth; j += 8)
            {
                Vector512<float> max = Avx512F.PermuteVar16x32(Vector256.LoadUnsafe(ref y, (nuint)j).ToVector512Unsafe(), spread);
                Vector512<float> delta = Avx512F.PermuteVar16x32(Vector256.LoadUnsafe(ref dy, (nuint)j).ToVector512Unsafe(), spread);
                ref float top = ref Unsafe.Add(ref input, 2 * j), topGradient = ref Unsafe.Add(ref gradient, 2 * j);
                Vector512<float> upper = Vector512.LoadUnsafe(ref top), lower = Vector512.LoadUnsafe(ref top, (nuint)width);
                Vector512<float> nan = ~Vector512.Equals(max, max);
                // First equal: the top row, even lane first; last NaN: the bottom row, odd lane first.
                Vector512<float> equalUpper = Vector512.Equals(upper, max), equalLower = Vector512.Equals(lower, max);
                Vector512<float> nanUpper = ~Vector512.Equals(upper, upper), nanLower = ~Vector512.Equals(lower, lower);
                Vector512<float> pairUpper = Avx512F.Permute4x32(equalUpper, 0b10_11_00_01), pairLower = Avx512F.Permute4x32(equalLower, 0b10_11_00_01);
                Vector512<float> pairNanUpper = Avx512F.Permute4x32(nanUpper, 0b10_11_00_01), pairNanLower = Avx512F.Permute4x32(nanLower, 0b10_11_00_01);
                Vector512<float> firstUpper = Vector512.AndNot(equalUpper, pairUpper & odd);
                Vector512<float> firstLower = Vector512.AndNot(Vector512.AndNot(equalLower, pairLower & odd), equalUpper | pairUpper);
                Vector512<float> lastLower = Vector512.AndNot(nanLower, Vector512.AndNot(pairNanLower, odd));
                Vector512<float> lastUpper = Vector512.AndNot(Vector512.AndNot(nanUpper, Vector512.AndNot(pairNanUpper, odd)), nanLower | pairNanLower);
                Vector512<float> chooseUpper = Vector512.ConditionalSelect(nan, lastUpper, firstUpper), chooseLower = Vector512.ConditionalSelect(nan, lastLower, firstLower);
                Vector512<float> gradientUpper = Vector512.LoadUnsafe(ref topGradient), gradientLower = Vector512.LoadUnsafe(ref topGradient, (nuint)width);
                Vector512.ConditionalSelect(chooseUpper, gradientUpper + delta, gradientUpper).StoreUnsafe(ref topGradient);
                Vector512.ConditionalSelect(chooseLower, gradientLower + delta, gradientLower).StoreUnsafe(ref topGradient, (nuint)width);
            }
        }
        return j;
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
