using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Activations;

namespace NetGen.Numerics;

/// <summary>
/// The kernels of the generated inference form (<c>Net.Inference</c>): weights packed once, transposed to Wᵀ
/// <c>[inputs, stride]</c> (each input's weights to every output contiguous, the row padded with zeros to a multiple
/// of 16 floats), and z = W·x + b accumulated by broadcasting one input value at a time into whole vectors of
/// outputs, with several independent accumulators and no horizontal sum anywhere. With AVX-512 (tested with
/// <see cref="Avx512F.IsSupported"/>: .NET may report <c>Vector512.IsHardwareAccelerated</c> false where it is
/// present): blocks of 128 outputs as 8 zmm accumulators, of 64 as 4 zmm × 2 sets (even and odd inputs), of 16 as
/// 1 zmm × 8 sets. With AVX2 + FMA: blocks of 64 as 8 ymm, of 16 as 2 ymm × 4 sets. Otherwise scalar loops over the
/// same layout. The technique is the benchmarks' hand baseline's (<c>Baselines/BroadcastDense</c>), with sizes as
/// arguments rather than type parameters.
/// </summary>
public static class InferenceKernels
{
    /// <summary>Floats per packed row, bias and output buffer for <paramref name="outputs"/> outputs: 8 up to 8 (one 256-bit vector; a 512-bit one would be half padding), else a multiple of 16.</summary>
    public static int Stride(int outputs) => outputs <= 8 ? 8 : (outputs + 15) & ~15;

    /// <summary>
    /// Packs PyTorch's <c>[outputs, inputs]</c> <paramref name="weights"/> and <paramref name="bias"/> into
    /// <paramref name="transposed"/> (Wᵀ, <c>[inputs, Stride(outputs)]</c>) and <paramref name="packedBias"/>
    /// (<c>Stride(outputs)</c>), the padding zero.
    /// </summary>
    public static void PackDense(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> transposed, Span<float> packedBias)
    {
        int outputs = bias.Length, stride = Stride(outputs);
        int inputs = outputs == 0 ? 0 : weights.Length / outputs;
        if (weights.Length != inputs * outputs || transposed.Length != inputs * stride || packedBias.Length != stride)
            throw new ArgumentException($"Expected Wᵀ of {inputs} x {stride} and a bias of {stride} for a [{outputs}, {inputs}] layer.");
        transposed.Clear();
        for (int o = 0; o < outputs; o++)
        {
            ReadOnlySpan<float> row = weights.Slice(o * inputs, inputs);
            for (int k = 0; k < inputs; k++) transposed[k * stride + o] = row[k];
        }
        packedBias.Clear();
        bias.CopyTo(packedBias);
    }

    /// <summary>
    /// Batch normalisation in evaluation as z = x·s + t per feature (<see cref="BatchNormKernels.EvaluationAffine"/>, as
    /// <see cref="BatchNormKernels.Evaluate"/> computes them). Writes s and t (the padding zero).
    /// </summary>
    public static void PackBatchNorm(ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> runningMean,
        ReadOnlySpan<float> runningVariance, Span<float> scale, Span<float> shift)
    {
        int features = gamma.Length;
        if (beta.Length != features || runningMean.Length != features || runningVariance.Length != features || scale.Length < features || shift.Length < features)
            throw new ArgumentException($"Expected {features} features in every tensor.");
        scale.Clear();
        shift.Clear();
        for (int c = 0; c < features; c++)
            (scale[c], shift[c]) = BatchNormKernels.EvaluationAffine(gamma[c], beta[c], runningMean[c], runningVariance[c]);
    }

    /// <summary>
    /// Folds a per-feature z = y·s + t that follows a packed affine map into it: column o of Wᵀ times s_o, and
    /// b_o ← b_o·s_o + t_o, so that one product computes both.
    /// </summary>
    public static void Fold(Span<float> transposed, Span<float> packedBias, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift)
    {
        int stride = packedBias.Length, features = scale.Length;
        if (features > stride || shift.Length != features || transposed.Length % stride != 0)
            throw new ArgumentException($"Expected at most {stride} features and Wᵀ of whole rows of {stride}.");
        for (int row = 0; row < transposed.Length; row += stride)
            for (int o = 0; o < features; o++) transposed[row + o] *= scale[o];
        for (int o = 0; o < features; o++) packedBias[o] = packedBias[o] * scale[o] + shift[o];
    }

    /// <summary>z = x·s + t over the first <c>x.Length</c> values (a batch normalisation that could not be folded).</summary>
    public static void ScaleShift(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> z)
    {
        int n = x.Length;
        SpanLength.AtLeast(scale.Length, n, nameof(scale));
        SpanLength.AtLeast(shift.Length, n, nameof(shift));
        SpanLength.AtLeast(z.Length, n, nameof(z));
        for (int i = 0; i < n; i++) z[i] = x[i] * scale[i] + shift[i];
    }

    /// <summary>
    /// Z = X·Wᵀᵀ + b for <paramref name="rows"/> samples at once, as one matrix product (<see cref="Gemm.MultiplyAdd"/>,
    /// which reuses each packed weight across several rows from registers and shares a large product with
    /// <see cref="SecondCore"/>): <paramref name="transposed"/> is Wᵀ <c>[inputs, stride]</c>, <paramref name="bias"/> holds
    /// <c>stride</c> floats, row r of X starts at <c>r · xRowStride</c> of <paramref name="x"/>, and row r of Z fills
    /// <c>[r · stride, (r + 1) · stride)</c> of <paramref name="z"/>.
    /// </summary>
    public static void DenseBatch(ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, int xRowStride, int inputs, Span<float> z, int rows)
    {
        int stride = bias.Length;
        Span<float> product = z.Slice(0, rows * stride);
        Gemm.BroadcastRows(bias, product);
        Gemm.MultiplyAdd(x, xRowStride, 1, transposed.Slice(0, inputs * stride), product, rows, inputs, stride);
    }

    /// <summary>
    /// y = φ(W·x + b) for one sample, φ applied to the accumulators before they are stored: <paramref name="w"/> is
    /// Wᵀ <c>[inputs, stride]</c>, <paramref name="b"/> and <paramref name="y"/> hold <paramref name="stride"/> floats
    /// (<see cref="Stride"/>; the padding outputs get φ of the padding bias). For generated code,
    /// which passes the sizes as constants: inlined, the loops' trip counts become the JIT's constants. Nothing is
    /// checked here: the generator laid the blocks out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dense<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        if (Avx512F.IsSupported)
        {
            if (stride == 8) { Narrow8<TAct>(ref w, ref b, ref x, inputs, ref y); return; }
            int o = 0;
            for (; o + 128 <= stride; o += 128) Block128x512<TAct>(ref Unsafe.Add(ref w, o), ref Unsafe.Add(ref b, o), ref x, inputs, ref Unsafe.Add(ref y, o), stride);
            for (; o + 64 <= stride; o += 64) Block64x512<TAct>(ref Unsafe.Add(ref w, o), ref Unsafe.Add(ref b, o), ref x, inputs, ref Unsafe.Add(ref y, o), stride);
            for (; o < stride; o += 16) Block16x512<TAct>(ref Unsafe.Add(ref w, o), ref Unsafe.Add(ref b, o), ref x, inputs, ref Unsafe.Add(ref y, o), stride);
        }
        else if (Avx2.IsSupported && Fma.IsSupported)
        {
            if (stride == 8) { Narrow8<TAct>(ref w, ref b, ref x, inputs, ref y); return; }
            int o = 0;
            for (; o + 64 <= stride; o += 64) Block64x256<TAct>(ref Unsafe.Add(ref w, o), ref Unsafe.Add(ref b, o), ref x, inputs, ref Unsafe.Add(ref y, o), stride);
            for (; o < stride; o += 16) Block16x256<TAct>(ref Unsafe.Add(ref w, o), ref Unsafe.Add(ref b, o), ref x, inputs, ref Unsafe.Add(ref y, o), stride);
        }
        else Scalar<TAct>(ref w, ref b, ref x, inputs, ref y, stride);
    }

    // 128 outputs, 8 zmm accumulators: a wide layer is bound by loading its weights, not by the FMA chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block128x512<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16), a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> a4 = Vector512.LoadUnsafe(ref b, 64), a5 = Vector512.LoadUnsafe(ref b, 80), a6 = Vector512.LoadUnsafe(ref b, 96), a7 = Vector512.LoadUnsafe(ref b, 112);
        for (int k = 0; k < inputs; k++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
            a4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), a4);
            a5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), a5);
            a6 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 96), a6);
            a7 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 112), a7);
        }
        TAct.Apply(a0).StoreUnsafe(ref y, 0); TAct.Apply(a1).StoreUnsafe(ref y, 16); TAct.Apply(a2).StoreUnsafe(ref y, 32); TAct.Apply(a3).StoreUnsafe(ref y, 48);
        TAct.Apply(a4).StoreUnsafe(ref y, 64); TAct.Apply(a5).StoreUnsafe(ref y, 80); TAct.Apply(a6).StoreUnsafe(ref y, 96); TAct.Apply(a7).StoreUnsafe(ref y, 112);
    }

    // 64 outputs, 4 zmm × 2 sets (even inputs into a, odd into c), summed at the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block64x512<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16), a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        BroadcastAccumulate.Four512(ref w, stride, ref x, inputs, ref a0, ref a1, ref a2, ref a3, ref c0, ref c1, ref c2, ref c3);
        TAct.Apply(a0 + c0).StoreUnsafe(ref y, 0);
        TAct.Apply(a1 + c1).StoreUnsafe(ref y, 16);
        TAct.Apply(a2 + c2).StoreUnsafe(ref y, 32);
        TAct.Apply(a3 + c3).StoreUnsafe(ref y, 48);
    }

    // 16 outputs, 1 zmm × 8 sets (input k into set k mod 8), summed pairwise at the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16x512<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int k = 0;
        for (; k + 8 <= inputs; k += 8)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k)), Vector512.LoadUnsafe(ref r), a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 1)), Vector512.LoadUnsafe(ref r, (nuint)stride), a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 2)), Vector512.LoadUnsafe(ref r, (nuint)(2 * stride)), a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 3)), Vector512.LoadUnsafe(ref r, (nuint)(3 * stride)), a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 4)), Vector512.LoadUnsafe(ref r, (nuint)(4 * stride)), a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 5)), Vector512.LoadUnsafe(ref r, (nuint)(5 * stride)), a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 6)), Vector512.LoadUnsafe(ref r, (nuint)(6 * stride)), a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k + 7)), Vector512.LoadUnsafe(ref r, (nuint)(7 * stride)), a7);
        }
        for (; k < inputs; k++) a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k)), Vector512.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
        TAct.Apply(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref y);
    }

    // 8 outputs (AVX-512 or AVX2), 1 ymm × 8 sets: a zmm would be half padding.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Narrow8<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y)
        where TAct : IVectorActivation
    {
        const int stride = 8;
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int k = 0;
        for (; k + 8 <= inputs; k += 8)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k)), Vector256.LoadUnsafe(ref r), a0);
            a1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 1)), Vector256.LoadUnsafe(ref r, stride), a1);
            a2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 2)), Vector256.LoadUnsafe(ref r, 2 * stride), a2);
            a3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 3)), Vector256.LoadUnsafe(ref r, 3 * stride), a3);
            a4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 4)), Vector256.LoadUnsafe(ref r, 4 * stride), a4);
            a5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 5)), Vector256.LoadUnsafe(ref r, 5 * stride), a5);
            a6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 6)), Vector256.LoadUnsafe(ref r, 6 * stride), a6);
            a7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k + 7)), Vector256.LoadUnsafe(ref r, 7 * stride), a7);
        }
        for (; k < inputs; k++) a0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k)), Vector256.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
        TAct.Apply(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref y);
    }

    // AVX2: 64 outputs as 8 ymm accumulators (the 16 ymm registers leave no room for a second set).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block64x256<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b, 0), a1 = Vector256.LoadUnsafe(ref b, 8), a2 = Vector256.LoadUnsafe(ref b, 16), a3 = Vector256.LoadUnsafe(ref b, 24);
        Vector256<float> a4 = Vector256.LoadUnsafe(ref b, 32), a5 = Vector256.LoadUnsafe(ref b, 40), a6 = Vector256.LoadUnsafe(ref b, 48), a7 = Vector256.LoadUnsafe(ref b, 56);
        BroadcastAccumulate.Eight256(ref w, stride, ref x, inputs, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
        TAct.Apply(a0).StoreUnsafe(ref y, 0); TAct.Apply(a1).StoreUnsafe(ref y, 8); TAct.Apply(a2).StoreUnsafe(ref y, 16); TAct.Apply(a3).StoreUnsafe(ref y, 24);
        TAct.Apply(a4).StoreUnsafe(ref y, 32); TAct.Apply(a5).StoreUnsafe(ref y, 40); TAct.Apply(a6).StoreUnsafe(ref y, 48); TAct.Apply(a7).StoreUnsafe(ref y, 56);
    }

    // AVX2: 16 outputs as 2 ymm × 4 sets.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16x256<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b, 0), a1 = Vector256.LoadUnsafe(ref b, 8), c0 = default, c1 = default;
        Vector256<float> d0 = default, d1 = default, e0 = default, e1 = default;
        int k = 0;
        for (; k + 4 <= inputs; k += 4)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            Vector256<float> v0 = Vector256.Create(Unsafe.Add(ref x, k)), v1 = Vector256.Create(Unsafe.Add(ref x, k + 1));
            Vector256<float> v2 = Vector256.Create(Unsafe.Add(ref x, k + 2)), v3 = Vector256.Create(Unsafe.Add(ref x, k + 3));
            a0 = Fma.MultiplyAdd(v0, Vector256.LoadUnsafe(ref r, 0), a0);
            a1 = Fma.MultiplyAdd(v0, Vector256.LoadUnsafe(ref r, 8), a1);
            c0 = Fma.MultiplyAdd(v1, Vector256.LoadUnsafe(ref r, (nuint)stride), c0);
            c1 = Fma.MultiplyAdd(v1, Vector256.LoadUnsafe(ref r, (nuint)stride + 8), c1);
            d0 = Fma.MultiplyAdd(v2, Vector256.LoadUnsafe(ref r, (nuint)(2 * stride)), d0);
            d1 = Fma.MultiplyAdd(v2, Vector256.LoadUnsafe(ref r, (nuint)(2 * stride) + 8), d1);
            e0 = Fma.MultiplyAdd(v3, Vector256.LoadUnsafe(ref r, (nuint)(3 * stride)), e0);
            e1 = Fma.MultiplyAdd(v3, Vector256.LoadUnsafe(ref r, (nuint)(3 * stride) + 8), e1);
        }
        for (; k < inputs; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, k));
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (nuint)(k * stride) + 8), a1);
        }
        TAct.Apply((a0 + c0) + (d0 + e0)).StoreUnsafe(ref y, 0);
        TAct.Apply((a1 + c1) + (d1 + e1)).StoreUnsafe(ref y, 8);
    }

    // Without AVX2: the same layout, one output at a time.
    private static void Scalar<TAct>(ref float w, ref float b, ref float x, int inputs, ref float y, int stride)
        where TAct : IVectorActivation
    {
        for (int o = 0; o < stride; o++)
        {
            float sum = Unsafe.Add(ref b, o);
            for (int k = 0; k < inputs; k++) sum += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k * stride + o);
            Unsafe.Add(ref y, o) = TAct.Apply(sum);
        }
    }
}
