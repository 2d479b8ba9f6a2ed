using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Numerics;

/// <summary>
/// Convolution for generated code, as torch.nn.Conv1d/Conv2d define it (cross-correlation, weights
/// <c>[OutChannels, InChannels, KernelHeight, KernelWidth]</c>, one bias per output channel), over samples stored NCHW
/// without the batch axis. Each sample is unfolded into its im2col matrix <c>[Patch, Positions]</c>, whose row
/// (c, kh, kw) holds the input that tap reads at every output position (zero where it reads padding); the convolution
/// is then one product with the weights as a <c>[OutChannels, Patch]</c> matrix, through <see cref="Gemm"/>.
/// </summary>
/// <remarks>
/// <para>
/// The batched kernels unfold consecutive samples side by side, <c>[Patch, count·Positions]</c> per group, so that
/// small maps still make one product wide enough for Gemm's full tiles and for its second core; the group's outputs are
/// then moved into place in z (and δ out of it) in cache. Their columns are therefore laid out for
/// <see cref="BackwardBatch"/> with the same batch, not as single-sample matrices one after the other.
/// </para>
/// <para>
/// A 1×1 kernel with stride 1 and no padding reads each input once, at its own position: its im2col matrix is the
/// input itself. Forward then only copies the input into the columns, and Backward adds Wᵀ·δ straight into dx,
/// without the dcolumns pass.
/// </para>
/// </remarks>
public static class ConvKernels
{
    /// <summary>
    /// One sample forward: z[o, p] = b[o] + Σ_patch W[o, patch]·im2col(x)[patch, p], keeping im2col(x) in
    /// <paramref name="columns"/> for <see cref="Backward"/>.
    /// </summary>
    /// <param name="x">The input, [InChannels, InHeight, InWidth]: at least <see cref="WindowGeometry.InputSize"/> values.</param>
    /// <param name="w">The weights, [OutChannels, InChannels, KernelHeight, KernelWidth].</param>
    /// <param name="b">The bias, one per output channel.</param>
    /// <param name="z">Receives the output, [OutChannels, OutHeight, OutWidth].</param>
    /// <param name="columns">Receives im2col(x): at least <see cref="WindowGeometry.ColumnsSize"/> values.</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span is shorter than it says.</exception>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, Span<float> columns, in WindowGeometry g)
        => ForwardBatch(x, w, b, z, columns, 1, g);

    /// <summary>
    /// One sample backward from δ = ∂L/∂z and the columns <see cref="Forward"/> kept: gw += δ·columnsᵀ,
    /// gb[o] += Σ_p δ[o, p], and, unless <paramref name="dx"/> is empty, dx += col2im(Wᵀ·δ). Accumulates into
    /// gw, gb and dx; the caller clears them when it needs to.
    /// </summary>
    /// <param name="columns">im2col(x) as <see cref="Forward"/> left it.</param>
    /// <param name="w">The weights, [OutChannels, InChannels, KernelHeight, KernelWidth].</param>
    /// <param name="d">δ, [OutChannels, OutHeight, OutWidth].</param>
    /// <param name="gw">The weight gradient, laid out as the weights.</param>
    /// <param name="gb">The bias gradient, one per output channel.</param>
    /// <param name="dx">The input gradient, [InChannels, InHeight, InWidth], or empty when no gradient flows to the input.</param>
    /// <param name="dcolumns">Workspace for Wᵀ·δ: at least <see cref="WindowGeometry.ColumnsSize"/> values (unused when dx is empty).</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span is shorter than it says.</exception>
    public static void Backward(ReadOnlySpan<float> columns, ReadOnlySpan<float> w, ReadOnlySpan<float> d, Span<float> gw, Span<float> gb, Span<float> dx,
        Span<float> dcolumns, in WindowGeometry g)
        => BackwardBatch(columns, w, d, gw, gb, dx, dcolumns, 1, g);

    /// <summary>
    /// <see cref="Forward"/> over <paramref name="batch"/> samples stored one after the other (x holds batch·InputSize
    /// values, z batch·OutputSize), keeping their im2col matrices in <paramref name="columns"/> for
    /// <see cref="BackwardBatch"/> with the same batch.
    /// </summary>
    /// <param name="x">The inputs, batch × [InChannels, InHeight, InWidth].</param>
    /// <param name="w">The weights, [OutChannels, InChannels, KernelHeight, KernelWidth].</param>
    /// <param name="b">The bias, one per output channel.</param>
    /// <param name="z">Receives the outputs, batch × [OutChannels, OutHeight, OutWidth].</param>
    /// <param name="columns">Receives the samples' im2col matrices, grouped as the remarks say: at least batch·<see cref="WindowGeometry.ColumnsSize"/> values.</param>
    /// <param name="batch">Samples in the batch.</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, the batch negative, or a span shorter than they say.</exception>
    public static void ForwardBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, Span<float> columns, int batch,
        in WindowGeometry g)
    {
        g.Validate();
        CheckBatch(batch);
        int outputs = g.OutChannels, patch = g.Patch, positions = g.Positions;
        SpanLength.AtLeast(x.Length, (long)batch * g.InputSize, nameof(x));
        SpanLength.AtLeast(w.Length, (long)outputs * patch, nameof(w));
        SpanLength.AtLeast(b.Length, outputs, nameof(b));
        SpanLength.AtLeast(z.Length, (long)batch * g.OutputSize, nameof(z));
        SpanLength.AtLeast(columns.Length, (long)batch * g.ColumnsSize, nameof(columns));
        int group = GroupSize(batch, g);
        bool transposed = group == 1 && TransposedProductFits(g);
        for (int first = 0; first < batch; first += group)
        {
            int count = Math.Min(group, batch - first), width = count * positions;
            Span<float> groupColumns = columns.Slice(first * g.ColumnsSize, count * g.ColumnsSize);
            for (int s = 0; s < count; s++) Im2Col(x.Slice((first + s) * g.InputSize, g.InputSize), groupColumns[(s * positions)..], width, g);
            if (transposed)
            {
                ForwardTransposed(w, b, z.Slice(first * g.OutputSize, g.OutputSize), groupColumns, outputs, patch, positions);
                continue;
            }
            // The group's outputs as [OutChannels, count·Positions] first: one product for all of them.
            Span<float> groupZ = z.Slice(first * g.OutputSize, count * g.OutputSize);
            for (int o = 0; o < outputs; o++) groupZ.Slice(o * width, width).Fill(b[o]);
            Gemm.MultiplyAdd(w, patch, 1, groupColumns, groupZ, outputs, patch, width);
            if (count > 1) TransposeBlocks(groupZ, outputs, count, positions);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> over <paramref name="batch"/> samples stored one after the other (d holds batch·OutputSize
    /// values, dx batch·InputSize), from the columns <see cref="ForwardBatch"/> kept for the same batch: gw and gb
    /// accumulate the sum over the samples, dx each sample's own gradient.
    /// </summary>
    /// <param name="columns">The im2col matrices <see cref="ForwardBatch"/> left, for the same batch.</param>
    /// <param name="w">The weights, [OutChannels, InChannels, KernelHeight, KernelWidth].</param>
    /// <param name="d">δ, batch × [OutChannels, OutHeight, OutWidth].</param>
    /// <param name="gw">The weight gradient, laid out as the weights.</param>
    /// <param name="gb">The bias gradient, one per output channel.</param>
    /// <param name="dx">The input gradients, batch × [InChannels, InHeight, InWidth], or empty when no gradient flows to the input.</param>
    /// <param name="dcolumns">
    /// Workspace for Wᵀ·δ and for δ regrouped: at least batch·<see cref="WindowGeometry.ColumnsSize"/> values, also when dx
    /// is empty unless the batch is a single sample.
    /// </param>
    /// <param name="batch">Samples in the batch.</param>
    /// <param name="g">The layer's geometry.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, the batch negative, or a span shorter than they say.</exception>
    public static void BackwardBatch(ReadOnlySpan<float> columns, ReadOnlySpan<float> w, ReadOnlySpan<float> d, Span<float> gw, Span<float> gb, Span<float> dx,
        Span<float> dcolumns, int batch, in WindowGeometry g)
    {
        g.Validate();
        CheckBatch(batch);
        int outputs = g.OutChannels, patch = g.Patch, positions = g.Positions;
        SpanLength.AtLeast(columns.Length, (long)batch * g.ColumnsSize, nameof(columns));
        SpanLength.AtLeast(w.Length, (long)outputs * patch, nameof(w));
        SpanLength.AtLeast(d.Length, (long)batch * g.OutputSize, nameof(d));
        SpanLength.AtLeast(gw.Length, (long)outputs * patch, nameof(gw));
        SpanLength.AtLeast(gb.Length, outputs, nameof(gb));
        bool inputGradient = !dx.IsEmpty;
        if (inputGradient) SpanLength.AtLeast(dx.Length, (long)batch * g.InputSize, nameof(dx));
        if (inputGradient || batch > 1) SpanLength.AtLeast(dcolumns.Length, (long)batch * g.ColumnsSize, nameof(dcolumns));
        int group = GroupSize(batch, g);
        bool pointwise = IsPointwise(g);
        for (int first = 0; first < batch; first += group)
        {
            int count = Math.Min(group, batch - first), width = count * positions;
            ReadOnlySpan<float> groupColumns = columns.Slice(first * g.ColumnsSize, count * g.ColumnsSize);
            Span<float> groupDColumns = dcolumns[..(inputGradient ? count * g.ColumnsSize : 0)];
            // δ as [OutChannels, count·Positions], the layout of the group's product; GroupSize leaves room for it after dcolumns.
            ReadOnlySpan<float> delta = d.Slice(first * g.OutputSize, count * g.OutputSize);
            if (count > 1)
            {
                Span<float> regrouped = dcolumns.Slice(groupDColumns.Length, count * g.OutputSize);
                for (int s = 0; s < count; s++)
                    for (int o = 0; o < outputs; o++)
                        delta.Slice(s * g.OutputSize + o * positions, positions).CopyTo(regrouped.Slice(o * width + s * positions, positions));
                delta = regrouped;
            }
            for (int o = 0; o < outputs; o++) gb[o] += TensorPrimitives.Sum(delta.Slice(o * width, width));
            Gemm.MultiplyTransposedAdd(delta, groupColumns, gw, outputs, width, patch);
            if (!inputGradient) continue;
            Span<float> groupDx = dx.Slice(first * g.InputSize, count * g.InputSize);
            if (pointwise && count == 1)
            {
                Gemm.MultiplyAdd(w, 1, patch, delta, groupDx, patch, outputs, positions); // col2im is the identity
                continue;
            }
            Gemm.MultiplyAdd(w, 1, patch, delta, groupDColumns, patch, outputs, width, accumulate: false);
            for (int s = 0; s < count; s++) Col2ImAdd(groupDColumns[(s * positions)..], width, groupDx.Slice(s * g.InputSize, g.InputSize), g);
        }
    }

    /// <summary>Most floats <see cref="ForwardTransposed"/> keeps on the stack (Wᵀ and Zᵀ): 48 KB.</summary>
    private const int TransposedStackFloats = 12 * 1024;

    /// <summary>
    /// Whether one sample's product runs as <see cref="ForwardTransposed"/>: with AVX-512 (where Gemm's tiles are 16
    /// columns wide and leave the columns past the last tile to scalar dot products), when the positions are not a
    /// multiple of 16 but the output channels are, and Wᵀ and Zᵀ fit <see cref="TransposedStackFloats"/>.
    /// </summary>
    private static bool TransposedProductFits(in WindowGeometry g)
        => System.Runtime.Intrinsics.X86.Avx512F.IsSupported && g.Positions % 16 != 0 && g.OutChannels % 16 == 0
            && ((long)g.Patch + g.Positions) * g.OutChannels <= TransposedStackFloats;

    /// <summary>
    /// One sample's z = W·columns + b computed as its transpose, Zᵀ[positions, out] = columnsᵀ·Wᵀ, read through
    /// Gemm's strided A (columnsᵀ is the columns read across), so that the product's columns are the output channels,
    /// a multiple of 16, and every multiply-add runs in the tiles; then Zᵀ is copied into z. Each z element is the
    /// bias plus the same multiply-adds in the same order as in the tiles of the direct product. On the 31 positions of
    /// a Conv1D window (16 channels, 48 taps) the direct product took 25 times as long as on 32 positions.
    /// </summary>
    [SkipLocalsInit]
    private static void ForwardTransposed(ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, ReadOnlySpan<float> columns, int outputs, int patch, int positions)
    {
        Span<float> transposedWeights = stackalloc float[patch * outputs], transposedZ = stackalloc float[positions * outputs];
        for (int o = 0; o < outputs; o++)
        {
            ReadOnlySpan<float> row = w.Slice(o * patch, patch);
            for (int k = 0; k < patch; k++) transposedWeights[k * outputs + o] = row[k];
        }
        ReadOnlySpan<float> bias = b[..outputs];
        for (int p = 0; p < positions; p++) bias.CopyTo(transposedZ.Slice(p * outputs, outputs));
        Gemm.MultiplyAdd(columns, 1, positions, transposedWeights, transposedZ, positions, patch, outputs);
        for (int o = 0; o < outputs; o++)
        {
            Span<float> line = z.Slice(o * positions, positions);
            for (int p = 0; p < positions; p++) line[p] = transposedZ[p * outputs + o];
        }
    }

    /// <summary>
    /// Samples whose maps have fewer than this many positions are unfolded in groups of about this many columns:
    /// narrower products run on <see cref="Gemm"/>'s edge tiles, several times slower per multiply-add. Against a loop
    /// over the single-sample kernels (batch 32, one core) that made backward 0.54 of the time on 16→32-channel 7×7
    /// maps, 0.28 on 64→128 4×4, 0.16 on a 4→16 Conv1d of length 30, and still 0.82 on 32→64 16×16; forward 0.2–0.9
    /// on the small maps, 1.1–1.3 on 16×16 and 4×4 (its im2col, which grouping does not shorten, and the moves into
    /// place), which the backward gain outweighs. 2048 measured the same, 512 slower.
    /// </summary>
    private const int GroupColumns = 1024;

    /// <summary>
    /// At most this many floats of im2col matrix in one group (2 MB): each 4-row tile of the product streams the whole
    /// group's columns, from cache only while they fit.
    /// </summary>
    private const int GroupColumnsBudget = 1 << 19;

    /// <summary>
    /// Samples per group: as many as <see cref="GroupColumns"/> columns hold, within
    /// <see cref="GroupColumnsBudget"/>, and small enough that BackwardBatch's dcolumns workspace (batch·ColumnsSize)
    /// holds a group's dcolumns and its regrouped δ together. 1 when the samples are wide enough alone. Within those
    /// limits (and up to twice that size) it takes the first size whose columns are a multiple of 16: Gemm's tiles are
    /// 16 columns wide and leave the columns past the last tile to scalar dot products, which cost as much as the
    /// tiles on Conv2 of the Fashion-MNIST CNN (196 positions: groups of 6 samples, 1,176 columns, took 1.5 times as
    /// long per multiply-add as groups of 8, 1,568 columns).
    /// </summary>
    private static int GroupSize(int batch, in WindowGeometry g)
    {
        int positions = g.Positions;
        if (batch <= 1 || positions >= GroupColumns) return 1;
        long limit = Math.Max(1, GroupColumnsBudget / g.ColumnsSize);
        limit = Math.Min(limit, (long)batch * g.Patch / (g.Patch + g.OutChannels));
        limit = Math.Min(limit, MaxBlocks / g.OutChannels);
        limit = Math.Clamp(limit, 1, batch);
        long size = Math.Min((GroupColumns + positions - 1) / positions, limit);
        for (long aligned = size; aligned <= Math.Min(2 * size, limit); aligned++)
            if (aligned * positions % 16 == 0) return (int)aligned;
        return (int)size;
    }

    /// <summary>Largest rows × columns of blocks <see cref="TransposeBlocks"/> takes (its visited bitmap is on the stack).</summary>
    private const int MaxBlocks = 1 << 14;

    /// <summary>
    /// Transposes in place a rows × columns matrix whose elements are blocks of <paramref name="block"/> floats
    /// (fewer than <see cref="GroupColumns"/>), following each cycle of the permutation once.
    /// </summary>
    private static void TransposeBlocks(Span<float> data, int rows, int columns, int block)
    {
        int count = rows * columns;
        Span<ulong> moved = stackalloc ulong[(count + 63) / 64];
        Span<float> carried = stackalloc float[block], displaced = stackalloc float[block];
        for (int start = 1; start < count - 1; start++) // the first and last blocks stay
        {
            if ((moved[start >> 6] & (1UL << start)) != 0) continue;
            data.Slice(start * block, block).CopyTo(carried);
            int at = start;
            do
            {
                int next = at % columns * rows + at / columns; // (r, c) at r·columns + c goes to c·rows + r
                moved[next >> 6] |= 1UL << next;
                Span<float> target = data.Slice(next * block, block);
                target.CopyTo(displaced);
                carried.CopyTo(target);
                Span<float> swap = carried;
                carried = displaced;
                displaced = swap;
                at = next;
            }
            while (at != start);
        }
    }

    /// <summary>Whether im2col(x) is x itself: a 1×1 kernel, stride 1, no padding, as many positions as input pixels.</summary>
    private static bool IsPointwise(in WindowGeometry g)
        => g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1 && g.PadTop == 0 && g.PadLeft == 0
            && g.OutHeight == g.InHeight && g.OutWidth == g.InWidth;

    /// <summary>
    /// Writes one sample's im2col matrix into rows <paramref name="stride"/> apart: row (c, kh, kw) holds
    /// x[c, i·sh − pt + kh·dh, j·sw − pl + kw·dw] at column i·OutWidth + j, or 0 where that is padding.
    /// </summary>
    private static void Im2Col(ReadOnlySpan<float> x, Span<float> columns, int stride, in WindowGeometry g)
    {
        int height = g.InHeight, width = g.InWidth, outHeight = g.OutHeight, outWidth = g.OutWidth, strideWidth = g.StrideWidth;
        int positions = g.Positions, row = 0;
        if (IsPointwise(g))
        {
            for (int c = 0; c < g.InChannels; c++) x.Slice(c * positions, positions).CopyTo(columns.Slice(c * stride, positions));
            return;
        }
        // Every index below is inside x and columns by construction (InsideRange); the lengths were checked by the caller.
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(columns);
        for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int rowOffset = kh * g.DilationHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(rowOffset, g.StrideHeight, height, outHeight);
                for (int kw = 0; kw < g.KernelWidth; kw++, row++)
                {
                    int columnOffset = kw * g.DilationWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(columnOffset, strideWidth, width, outWidth);
                    ref float target = ref Unsafe.Add(ref destination, row * stride);
                    if (first == end)
                    {
                        Zero(ref target, positions); // this tap only ever reads padding
                        continue;
                    }
                    Zero(ref target, firstRow * outWidth);
                    Zero(ref Unsafe.Add(ref target, endRow * outWidth), (outHeight - endRow) * outWidth);
                    for (int i = firstRow; i < endRow; i++)
                    {
                        ref float line = ref Unsafe.Add(ref target, i * outWidth);
                        Zero(ref line, first);
                        Zero(ref Unsafe.Add(ref line, end), outWidth - end);
                        // From the first tap inside the input, so that no reference points outside it.
                        ref float input = ref Unsafe.Add(ref source, (c * height + i * g.StrideHeight + rowOffset) * width + columnOffset + first * strideWidth);
                        ref float output = ref Unsafe.Add(ref line, first);
                        if (strideWidth == 1) Copy(ref input, ref output, end - first);
                        else
                            for (int j = 0; j < end - first; j++) Unsafe.Add(ref output, j) = Unsafe.Add(ref input, j * strideWidth);
                    }
                }
            }
    }

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/> for one sample whose rows are <paramref name="stride"/> apart:
    /// dx[c, ih, iw] += dcolumns[(c, kh, kw), (i, j)] over every tap that reads (ih, iw).
    /// </summary>
    private static void Col2ImAdd(ReadOnlySpan<float> dcolumns, int stride, Span<float> dx, in WindowGeometry g)
    {
        int height = g.InHeight, width = g.InWidth, outHeight = g.OutHeight, outWidth = g.OutWidth, strideWidth = g.StrideWidth;
        int positions = g.Positions, row = 0;
        if (IsPointwise(g))
        {
            for (int c = 0; c < g.InChannels; c++)
            {
                Span<float> target = dx.Slice(c * positions, positions);
                TensorPrimitives.Add(target, dcolumns.Slice(c * stride, positions), target);
            }
            return;
        }
        ref float source = ref MemoryMarshal.GetReference(dcolumns);
        ref float destination = ref MemoryMarshal.GetReference(dx);
        for (int c = 0; c < g.InChannels; c++)
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int rowOffset = kh * g.DilationHeight - g.PadTop;
                (int firstRow, int endRow) = WindowGeometry.InsideRange(rowOffset, g.StrideHeight, height, outHeight);
                for (int kw = 0; kw < g.KernelWidth; kw++, row++)
                {
                    int columnOffset = kw * g.DilationWidth - g.PadLeft;
                    (int first, int end) = WindowGeometry.InsideRange(columnOffset, strideWidth, width, outWidth);
                    if (first == end) continue;
                    for (int i = firstRow; i < endRow; i++)
                    {
                        ref float line = ref Unsafe.Add(ref source, row * stride + i * outWidth + first);
                        ref float input = ref Unsafe.Add(ref destination, (c * height + i * g.StrideHeight + rowOffset) * width + columnOffset + first * strideWidth);
                        if (strideWidth == 1) Add(ref line, ref input, end - first);
                        else
                            for (int j = 0; j < end - first; j++) Unsafe.Add(ref input, j * strideWidth) += Unsafe.Add(ref line, j);
                    }
                }
            }
    }

    // Lines of an im2col matrix are often a handful of floats (7×7 maps): inline loops, not calls, for those.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero(ref float start, int count)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j <= count - 8; j += 8) Vector256<float>.Zero.StoreUnsafe(ref start, (nuint)j);
        for (; j < count; j++) Unsafe.Add(ref start, j) = 0f;
    }

    /// <summary>Copies count floats; from 4 on, the last vector overlaps the one before rather than leaving a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref float source, ref float destination, int count)
    {
        if (Vector256.IsHardwareAccelerated && count >= 8)
        {
            for (int j = 0; j < count - 8; j += 8) Vector256.LoadUnsafe(ref source, (nuint)j).StoreUnsafe(ref destination, (nuint)j);
            Vector256.LoadUnsafe(ref source, (nuint)(count - 8)).StoreUnsafe(ref destination, (nuint)(count - 8));
        }
        else if (Vector128.IsHardwareAccelerated && count >= 4)
        {
            for (int j = 0; j < count - 4; j += 4) Vector128.LoadUnsafe(ref source, (nuint)j).StoreUnsafe(ref destination, (nuint)j);
            Vector128.LoadUnsafe(ref source, (nuint)(count - 4)).StoreUnsafe(ref destination, (nuint)(count - 4));
        }
        else
            for (int j = 0; j < count; j++) Unsafe.Add(ref destination, j) = Unsafe.Add(ref source, j);
    }

    /// <summary>destination[j] += source[j] for j &lt; count, in vectors of 8 then 4 (no overlap here: it would add twice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref float source, ref float destination, int count)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; j <= count - 8; j += 8)
                (Vector256.LoadUnsafe(ref destination, (nuint)j) + Vector256.LoadUnsafe(ref source, (nuint)j)).StoreUnsafe(ref destination, (nuint)j);
        if (Vector128.IsHardwareAccelerated)
            for (; j <= count - 4; j += 4)
                (Vector128.LoadUnsafe(ref destination, (nuint)j) + Vector128.LoadUnsafe(ref source, (nuint)j)).StoreUnsafe(ref destination, (nuint)j);
        for (; j < count; j++) Unsafe.Add(ref destination, j) += Unsafe.Add(ref source, j);
    }

    private static void CheckBatch(int batch)
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "Must not be negative.");
    }
}
