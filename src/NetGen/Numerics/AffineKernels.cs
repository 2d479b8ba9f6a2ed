using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Activations;

namespace NetGen.Numerics;

/// <summary>
/// Single-sample kernels of dense and recurrent layers for generated code. Forward: z = W·x (+ W₂·x₂) + b (+ b₂),
/// h = φ(z), in one pass: output-stationary, 16 rows at a time, each with its own 512-bit accumulator; the 16
/// accumulators are reduced together by one transposing shuffle tree (row k ends in lane k), so bias and
/// activation apply to the reduced vector before it is stored. Without AVX-512 the four-row kernel and a
/// separate activation pass. Backward: <see cref="DenseBackward{TMode}"/>. Sizes come from the span lengths,
/// constants where the generator slices the parameters.
/// </summary>
public static class AffineKernels
{
    /// <summary>z = W·x + b and h = φ(z) for a row-major W of b.Length rows and W.Length / b.Length columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DenseForward<TActivation>(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> z, Span<float> h)
        where TActivation : IVectorActivation
        => Forward<TActivation>(weights, x, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, bias, ReadOnlySpan<float>.Empty, z, h);

    /// <summary>
    /// z = W₁·x₁ + W₂·x₂ + b₁ + b₂ and h = φ(z) (a recurrent layer's W_ih·x_t + W_hh·h_{t−1} + b_ih + b_hh):
    /// both products go into the same accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TActivation>(ReadOnlySpan<float> weights1, ReadOnlySpan<float> x1, ReadOnlySpan<float> weights2, ReadOnlySpan<float> x2,
        ReadOnlySpan<float> bias1, ReadOnlySpan<float> bias2, Span<float> z, Span<float> h)
        where TActivation : IVectorActivation
    {
        int rows = bias1.Length;
        if (rows == 0) ThrowShape(nameof(bias1), "at least one row");
        int columns1 = weights1.Length / rows, columns2 = weights2.Length / rows;
        if (weights1.Length != rows * columns1 || x1.Length < columns1) ThrowShape(nameof(weights1), "[rows, n] weights and n inputs");
        if (weights2.Length != rows * columns2 || x2.Length < columns2) ThrowShape(nameof(weights2), "[rows, n] weights and n inputs");
        if (bias2.Length != 0 && bias2.Length != rows) ThrowShape(nameof(bias2), "no second bias or one value per row");
        if (z.Length < rows || h.Length < rows) ThrowShape(nameof(z), "z and h of one value per row");
        if (!Avx512F.IsSupported)
        {
            ByFourRows<TActivation>(weights1, x1.Slice(0, columns1), weights2, x2.Slice(0, columns2), bias1, bias2, z.Slice(0, rows), h);
            return;
        }
        ref float w1 = ref MemoryMarshal.GetReference(weights1), w2 = ref MemoryMarshal.GetReference(weights2);
        ref float v1 = ref MemoryMarshal.GetReference(x1), v2 = ref MemoryMarshal.GetReference(x2);
        ref float b1 = ref MemoryMarshal.GetReference(bias1), b2 = ref MemoryMarshal.GetReference(bias2);
        ref float zs = ref MemoryMarshal.GetReference(z), hs = ref MemoryMarshal.GetReference(h);
        // Whole blocks of 16 rows, then the rest.
        int full = rows / 16 * 16;
        for (int o = 0; o < full; o += 16)
        {
            Vector512<float> sums = RowSums(ref Unsafe.Add(ref w1, o * columns1), ref v1, columns1, ref Unsafe.Add(ref w2, o * columns2), ref v2, columns2);
            sums += Vector512.LoadUnsafe(ref b1, (nuint)o);
            if (bias2.Length != 0) sums += Vector512.LoadUnsafe(ref b2, (nuint)o);
            sums.StoreUnsafe(ref zs, (nuint)o);
            TActivation.Apply(sums).StoreUnsafe(ref hs, (nuint)o);
        }
        if (full != rows) ByFourRows<TActivation>(weights1.Slice(full * columns1), x1.Slice(0, columns1), weights2.Slice(full * columns2), x2.Slice(0, columns2),
            bias1.Slice(full), bias2.Length != 0 ? bias2.Slice(full) : bias2, z.Slice(full, rows - full), h.Slice(full, rows - full));
    }

    /// <summary>
    /// A dense layer's backward step for one sample, given δ = dL/dz: ∇b += δ, ∇W += δ·xᵀ (or, when
    /// <typeparamref name="TMode"/> does not accumulate, ∇b = δ and ∇W = δ·xᵀ: TrainStep then needs no ZeroGradients
    /// pass) and, unless <paramref name="inputGradient"/> is empty (the first layer), dL/dx += Wᵀ·δ, in one sweep over
    /// W and ∇W: bands of 32 columns (two vectors per row), each row's slice of ∇W written and its Wᵀ·δ contribution
    /// kept in registers. When the mode updates, the same sweep also applies W += <paramref name="update"/>·∇W (plain
    /// SGD's −learning rate; ignored otherwise) after Wᵀ·δ has read the old weights, the old weights first multiplied by
    /// <paramref name="decay"/> (1 − learning rate · weight decay; 1 without decay): the bits of
    /// <see cref="Kernels.MultiplyAdd(Span{float}, ReadOnlySpan{float}, float, float)"/> over ∇W afterwards, without a second
    /// pass. Sizes: rows = ∇b.Length, columns = ∇W.Length / rows. Give <paramref name="inputGradient"/> a constant length
    /// (a span made with one), so that whether it propagates is known when the JIT compiles the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DenseBackward<TMode>(Span<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> delta,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient, float update, float decay = 1f)
        where TMode : struct, IBackwardMode
        => Backward<TMode, Linear>(weights, x, delta, weightGradient, biasGradient, inputGradient, default, intoPreviousDelta: false, update, decay);

    /// <summary>
    /// <see cref="DenseBackward{TMode}"/> for a layer whose input x = φ(z) is the output of a previous dense layer that
    /// nothing else reads: the sweep's epilogue writes that layer's δ = (Wᵀ·δ) ⊙ φ′(z, x) straight into
    /// <paramref name="previousDelta"/> (overwriting it), so the previous layer needs neither a cleared buffer nor a
    /// pass of its own for φ′.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DenseBackward<TMode, TPrevious>(Span<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> delta,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> previousDelta, ReadOnlySpan<float> previousZ, float update, float decay = 1f)
        where TMode : struct, IBackwardMode where TPrevious : IVectorActivation
    {
        if (previousDelta.Length == 0) ThrowShape(nameof(previousDelta), "the previous layer's δ, one value per input");
        Backward<TMode, TPrevious>(weights, x, delta, weightGradient, biasGradient, previousDelta, previousZ, intoPreviousDelta: true, update, decay);
    }

    /// <summary>Both forms of the dense backward step; <paramref name="intoPreviousDelta"/> is a constant at each call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward<TMode, TPrevious>(Span<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> delta,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient, ReadOnlySpan<float> previousZ, bool intoPreviousDelta, float update, float decay)
        where TMode : struct, IBackwardMode where TPrevious : IVectorActivation
    {
        int rows = biasGradient.Length;
        if (rows == 0) ThrowShape(nameof(biasGradient), "at least one row");
        int columns = weightGradient.Length / rows;
        if (weightGradient.Length != rows * columns || x.Length < columns) ThrowShape(nameof(weightGradient), "[rows, n] gradients and n inputs");
        if (delta.Length < rows) ThrowShape(nameof(delta), "one value per row");
        bool propagates = inputGradient.Length != 0;
        if (propagates && inputGradient.Length < columns) ThrowShape(nameof(inputGradient), "n values");
        if (intoPreviousDelta && previousZ.Length < columns) ThrowShape(nameof(previousZ), "the previous layer's z, one value per input");
        if ((propagates || TMode.Updates) && weights.Length != rows * columns) ThrowShape(nameof(weights), "[rows, n] weights");
        ref float w = ref MemoryMarshal.GetReference(weights), v = ref MemoryMarshal.GetReference(x), d = ref MemoryMarshal.GetReference(delta);
        ref float gw = ref MemoryMarshal.GetReference(weightGradient), dx = ref MemoryMarshal.GetReference(inputGradient);
        ref float z = ref MemoryMarshal.GetReference(previousZ);
        if (TMode.Accumulates) Kernels.MultiplyAdd(biasGradient, delta.Slice(0, rows), 1f);
        else delta.Slice(0, rows).CopyTo(biasGradient);
        int i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 32 <= columns; i += 32) BackwardBand<TMode, TPrevious>(ref w, ref v, ref d, ref gw, ref dx, ref z, rows, columns, i, 2, propagates, intoPreviousDelta, update, decay);
            if (i + 16 <= columns)
            {
                BackwardBand<TMode, TPrevious>(ref w, ref v, ref d, ref gw, ref dx, ref z, rows, columns, i, 1, propagates, intoPreviousDelta, update, decay);
                i += 16;
            }
        }
        if (i < columns)
            RemainingColumns<TPrevious>(ref w, ref v, ref d, ref gw, ref dx, ref z, rows, columns, i, propagates, intoPreviousDelta, TMode.Accumulates, TMode.Updates ? update : 0f, decay);
    }

    /// <summary>
    /// Columns [i0, i0 + 16·<paramref name="vectors"/>) of every row of the backward step (vectors 1 or 2, a constant
    /// after inlining): two rows at a time, Wᵀ·δ of even and odd rows in separate registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardBand<TMode, TPrevious>(ref float w, ref float x, ref float delta, ref float gw, ref float dx, ref float z,
        int rows, int columns, int i0, int vectors, bool propagates, bool intoPreviousDelta, float update, float decay)
        where TMode : struct, IBackwardMode where TPrevious : IVectorActivation
    {
        Vector512<float> step = Vector512.Create(update), shrink = Vector512.Create(decay);
        Vector512<float> x0 = Vector512.LoadUnsafe(ref x, (nuint)i0), x1 = vectors == 2 ? Vector512.LoadUnsafe(ref x, (nuint)(i0 + 16)) : default;
        Vector512<float> even0 = default, odd0 = default, even1 = default, odd1 = default;
        int o = 0;
        for (; o + 2 <= rows; o += 2)
        {
            nuint a = (nuint)(o * columns + i0), b = a + (nuint)columns;
            Vector512<float> da = Vector512.Create(Unsafe.Add(ref delta, o)), db = Vector512.Create(Unsafe.Add(ref delta, o + 1));
            RowSlice<TMode>(ref w, ref gw, a, x0, da, ref even0, propagates, step, shrink);
            RowSlice<TMode>(ref w, ref gw, b, x0, db, ref odd0, propagates, step, shrink);
            if (vectors == 2)
            {
                RowSlice<TMode>(ref w, ref gw, a + 16, x1, da, ref even1, propagates, step, shrink);
                RowSlice<TMode>(ref w, ref gw, b + 16, x1, db, ref odd1, propagates, step, shrink);
            }
        }
        if (o < rows)
        {
            nuint a = (nuint)(o * columns + i0);
            Vector512<float> da = Vector512.Create(Unsafe.Add(ref delta, o));
            RowSlice<TMode>(ref w, ref gw, a, x0, da, ref even0, propagates, step, shrink);
            if (vectors == 2) RowSlice<TMode>(ref w, ref gw, a + 16, x1, da, ref even1, propagates, step, shrink);
        }
        if (!propagates) return;
        StoreInputGradient<TPrevious>(ref dx, ref z, (nuint)i0, x0, even0, odd0, intoPreviousDelta);
        if (vectors == 2) StoreInputGradient<TPrevious>(ref dx, ref z, (nuint)(i0 + 16), x1, even1, odd1, intoPreviousDelta);
    }

    /// <summary>dL/dx += Wᵀ·δ, or the previous layer's δ = (Wᵀ·δ) ⊙ φ′(z, x), for 16 inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreInputGradient<TPrevious>(ref float dx, ref float z, nuint at, Vector512<float> x, Vector512<float> even, Vector512<float> odd, bool intoPreviousDelta)
        where TPrevious : IVectorActivation
    {
        if (intoPreviousDelta) ((even + odd) * TPrevious.Derivative(Vector512.LoadUnsafe(ref z, at), x)).StoreUnsafe(ref dx, at);
        else (Vector512.LoadUnsafe(ref dx, at) + even + odd).StoreUnsafe(ref dx, at);
    }

    /// <summary>16 columns of one row at <paramref name="at"/>: ∇W (+)= δ·x, Wᵀ·δ into <paramref name="sum"/> from the old W, then the update.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowSlice<TMode>(ref float w, ref float gw, nuint at, Vector512<float> x, Vector512<float> delta, ref Vector512<float> sum, bool propagates, Vector512<float> step, Vector512<float> shrink)
        where TMode : struct, IBackwardMode
    {
        Vector512<float> g = TMode.Accumulates ? Avx512F.FusedMultiplyAdd(x, delta, Vector512.LoadUnsafe(ref gw, at)) : x * delta;
        g.StoreUnsafe(ref gw, at);
        if (!propagates && !TMode.Updates) return;
        Vector512<float> weight = Vector512.LoadUnsafe(ref w, at);
        if (propagates) sum = Avx512F.FusedMultiplyAdd(weight, delta, sum);
        if (TMode.Updates) Avx512F.FusedMultiplyAdd(g, step, weight * shrink).StoreUnsafe(ref w, at);
    }

    /// <summary>The columns from <paramref name="start"/> of the backward step, one at a time (out of line: rare sizes, or no AVX-512).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RemainingColumns<TPrevious>(ref float w, ref float x, ref float delta, ref float gw, ref float dx, ref float z, int rows, int columns, int start,
        bool propagates, bool intoPreviousDelta, bool accumulate, float update, float decay)
        where TPrevious : IVectorActivation
    {
        for (int i = start; i < columns; i++)
        {
            float xi = Unsafe.Add(ref x, i), sum = 0f;
            for (int o = 0; o < rows; o++)
            {
                float d = Unsafe.Add(ref delta, o);
                ref float gradient = ref Unsafe.Add(ref gw, o * columns + i);
                gradient = (accumulate ? gradient : 0f) + d * xi;
                if (!propagates && update == 0f) continue;
                ref float weight = ref Unsafe.Add(ref w, o * columns + i);
                if (propagates) sum += weight * d;
                if (update != 0f) weight = Kernels.MultiplyAdd(gradient, update, weight * decay);
            }
            if (!propagates) continue;
            ref float target = ref Unsafe.Add(ref dx, i);
            target = intoPreviousDelta ? sum * TPrevious.Derivative(Unsafe.Add(ref z, i), xi) : target + sum;
        }
    }

    /// <summary>
    /// The same with the four-row kernel on the bias, then a separate activation pass: without AVX-512, and for
    /// the rows past the last block of 16. Out of line, so that the main kernel stays small enough to inline
    /// into a Forward once per layer.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ByFourRows<TActivation>(ReadOnlySpan<float> weights1, ReadOnlySpan<float> x1, ReadOnlySpan<float> weights2, ReadOnlySpan<float> x2,
        ReadOnlySpan<float> bias1, ReadOnlySpan<float> bias2, Span<float> z, Span<float> h)
        where TActivation : IVectorActivation
    {
        if (bias2.Length == 0) bias1.CopyTo(z);
        else System.Numerics.Tensors.TensorPrimitives.Add(bias1, bias2, z);
        Kernels.MatrixVectorAdd(weights1, x1, z);
        if (x2.Length != 0) Kernels.MatrixVectorAdd(weights2, x2, z);
        ActivationKernels.Apply<TActivation>(z, h);
    }

    /// <summary>Out of line, so that the kernel stays small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(string parameter, string expected) => throw new ArgumentException($"The spans do not fit one layer: expected {expected}.", parameter);

    /// <summary>Row k of the 16-row block at w₁ and w₂ times x₁ and x₂, in lane k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> RowSums(ref float w1, ref float x1, int columns1, ref float w2, ref float x2, int columns2)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
        Accumulate(ref w1, ref x1, columns1, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7, ref a8, ref a9, ref a10, ref a11, ref a12, ref a13, ref a14, ref a15);
        Accumulate(ref w2, ref x2, columns2, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7, ref a8, ref a9, ref a10, ref a11, ref a12, ref a13, ref a14, ref a15);

        // Step 1: rows (k, k + 4) and (k + 8, k + 12) fold into one vector each, [row a: lanes 0+2, 1+3 | row b: lanes 0+2, 1+3] (128-bit lanes).
        Vector512<float> p0 = Fold2(a0, a4), p1 = Fold2(a8, a12), p2 = Fold2(a1, a5), p3 = Fold2(a9, a13);
        Vector512<float> p4 = Fold2(a2, a6), p5 = Fold2(a10, a14), p6 = Fold2(a3, a7), p7 = Fold2(a11, a15);
        // A last block of 8 columns goes straight into those pairs: [8 of row a | 8 of row b]·[x | x].
        AccumulatePairs(ref w1, ref x1, columns1, ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7);
        AccumulatePairs(ref w2, ref x2, columns2, ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7);
        // Step 2: [row a | row b | row c | row d], four partial sums per 128-bit lane.
        Vector512<float> q0 = Fold4(p0, p1), q1 = Fold4(p2, p3), q2 = Fold4(p4, p5), q3 = Fold4(p6, p7);
        // Step 3: per 128-bit lane, two partial sums of q0's row and two of q1's.
        Vector512<float> r0 = Avx512F.UnpackLow(q0.AsDouble(), q1.AsDouble()).AsSingle() + Avx512F.UnpackHigh(q0.AsDouble(), q1.AsDouble()).AsSingle();
        Vector512<float> r1 = Avx512F.UnpackLow(q2.AsDouble(), q3.AsDouble()).AsSingle() + Avx512F.UnpackHigh(q2.AsDouble(), q3.AsDouble()).AsSingle();
        // Step 4: lane k = row k.
        Vector512<float> sums = Avx512F.Shuffle(r0, r1, 0x88) + Avx512F.Shuffle(r0, r1, 0xDD);
        if (columns1 % 8 != 0 || columns2 % 8 != 0)
            sums += Tails(ref w1, ref x1, columns1) + Tails(ref w2, ref x2, columns2);
        return sums;
    }

    /// <summary>a_k += W[k, block]·x[block] lane-wise over the whole 16-column blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref float w, ref float x, int columns,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7,
        ref Vector512<float> a8, ref Vector512<float> a9, ref Vector512<float> a10, ref Vector512<float> a11,
        ref Vector512<float> a12, ref Vector512<float> a13, ref Vector512<float> a14, ref Vector512<float> a15)
    {
        for (int i = 0; i + 16 <= columns; i += 16)
        {
            ref float r = ref Unsafe.Add(ref w, i);
            Vector512<float> v = Vector512.LoadUnsafe(ref x, (nuint)i);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r), v, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(1 * columns)), v, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(2 * columns)), v, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(3 * columns)), v, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(4 * columns)), v, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(5 * columns)), v, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(6 * columns)), v, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(7 * columns)), v, a7);
            a8 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(8 * columns)), v, a8);
            a9 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(9 * columns)), v, a9);
            a10 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(10 * columns)), v, a10);
            a11 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(11 * columns)), v, a11);
            a12 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(12 * columns)), v, a12);
            a13 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(13 * columns)), v, a13);
            a14 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(14 * columns)), v, a14);
            a15 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(15 * columns)), v, a15);
        }
    }

    /// <summary>The 8 columns after the 16-column blocks, when there are 8 or more, into the pairs of step 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulatePairs(ref float w, ref float x, int columns, ref Vector512<float> p0, ref Vector512<float> p1, ref Vector512<float> p2, ref Vector512<float> p3, ref Vector512<float> p4, ref Vector512<float> p5, ref Vector512<float> p6, ref Vector512<float> p7)
    {
        if (columns % 16 < 8) return;
        int i = columns / 16 * 16;
        ref float r = ref Unsafe.Add(ref w, i);
        Vector256<float> half = Vector256.LoadUnsafe(ref x, (nuint)i);
        Vector512<float> v = Vector512.Create(half, half);
        p0 = Avx512F.FusedMultiplyAdd(Pair(ref r, 0, 4, columns), v, p0);
        p1 = Avx512F.FusedMultiplyAdd(Pair(ref r, 8, 12, columns), v, p1);
        p2 = Avx512F.FusedMultiplyAdd(Pair(ref r, 1, 5, columns), v, p2);
        p3 = Avx512F.FusedMultiplyAdd(Pair(ref r, 9, 13, columns), v, p3);
        p4 = Avx512F.FusedMultiplyAdd(Pair(ref r, 2, 6, columns), v, p4);
        p5 = Avx512F.FusedMultiplyAdd(Pair(ref r, 10, 14, columns), v, p5);
        p6 = Avx512F.FusedMultiplyAdd(Pair(ref r, 3, 7, columns), v, p6);
        p7 = Avx512F.FusedMultiplyAdd(Pair(ref r, 11, 15, columns), v, p7);
    }

    /// <summary>8 columns of row a in the low half, 8 of row b in the high half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair(ref float r, int a, int b, int columns)
        => Vector512.Create(Vector256.LoadUnsafe(ref r, (nuint)(a * columns)), Vector256.LoadUnsafe(ref r, (nuint)(b * columns)));

    /// <summary>[a.l0, a.l1, b.l0, b.l1] + [a.l2, a.l3, b.l2, b.l3] (128-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold2(Vector512<float> a, Vector512<float> b)
        => Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    /// <summary>[p.l0, p.l2, q.l0, q.l2] + [p.l1, p.l3, q.l1, q.l3] (128-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold4(Vector512<float> p, Vector512<float> q)
        => Avx512F.Shuffle4x128(p, q, 0x88) + Avx512F.Shuffle4x128(p, q, 0xDD);

    /// <summary>The columns past the last block of 8, row k in lane k: scalar, out of line (rare sizes).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> Tails(ref float w, ref float x, int columns)
    {
        Vector512<float> tails = default;
        for (int k = 0; k < 16; k++)
        {
            float sum = 0f;
            for (int i = columns / 8 * 8; i < columns; i++) sum += Unsafe.Add(ref w, k * columns + i) * Unsafe.Add(ref x, i);
            tails = tails.WithElement(k, sum);
        }
        return tails;
    }
}
