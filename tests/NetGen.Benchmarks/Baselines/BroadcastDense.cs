using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The strongest single-sample dense layer I can write in C# (issue 18's technique), input-stationary on transposed
/// weights: Wᵀ is kept <c>[in, stride]</c> (each input's weights to every output contiguous, the row padded with zeros
/// to <see cref="Stride"/> floats, 64-byte aligned), and y = φ(Wᵀᵀ·x + b) is accumulated by broadcasting one input
/// value at a time and multiplying it into whole vectors of outputs, so no horizontal sum is needed anywhere: the
/// accumulators start from the bias, the activation runs on them, and they are stored as they are.
/// With AVX-512 (tested with <see cref="Avx512F.IsSupported"/>, not <c>Vector512.IsHardwareAccelerated</c>): blocks
/// of 128 outputs as 8 zmm accumulators, blocks of 64 as 4 zmm × 2 sets (even and odd inputs, halving the dependent
/// FMA chain), blocks of 16 as 1 zmm × 8 sets, 8 outputs as 1 ymm × 8 sets. With AVX2 + FMA: blocks of 64 as 8 ymm,
/// blocks of 16 as 2 ymm × 4 sets, 8 as 1 ymm × 8 sets. Otherwise scalar loops over the same layout. Sizes are type
/// arguments, so trip counts and offsets are JIT-time constants.
/// </summary>
public static class BroadcastDense
{
    /// <summary>The floats a row of Wᵀ (and the bias and output buffers) takes for <paramref name="outputs"/> outputs: 8 up to 8, else a multiple of 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Stride(int outputs) => outputs <= 8 ? 8 : (outputs + 15) & ~15;

    /// <summary>Writes PyTorch's <c>[outputs, inputs]</c> row-major <paramref name="weights"/> transposed into <paramref name="transposed"/> <c>[inputs, Stride(outputs)]</c>, zero padding.</summary>
    public static void PackTransposed(ReadOnlySpan<float> weights, int outputs, int inputs, Span<float> transposed, float scale = 1f)
    {
        int stride = Stride(outputs);
        if (weights.Length != outputs * inputs || transposed.Length < inputs * stride) throw new ArgumentException("Sizes do not match.");
        transposed.Slice(0, inputs * stride).Clear();
        for (int o = 0; o < outputs; o++)
            for (int k = 0; k < inputs; k++) transposed[k * stride + o] = scale * weights[o * inputs + k];
    }

    /// <summary>
    /// y = φ(W·x + b) for one sample: <paramref name="wT"/> is Wᵀ <c>[TIn, Stride(TOut)]</c>, <paramref name="b"/> and
    /// <paramref name="y"/> hold <c>Stride(TOut)</c> floats (padding lanes get φ(0)), <paramref name="x"/> TIn.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TIn, TOut, TAct>(ref float wT, ref float b, ref float x, ref float y)
        where TIn : ISize where TOut : ISize where TAct : ISimdActivation
    {
        int stride = Stride(TOut.Value);
        if (Avx512F.IsSupported)
        {
            if (stride == 8) { Narrow8<TIn, TAct>(ref wT, ref b, ref x, ref y); return; }
            int o = 0;
            for (; o + 128 <= stride && stride % 128 == 0; o += 128) Block128x512<TIn, TAct>(stride, ref Unsafe.Add(ref wT, o), ref Unsafe.Add(ref b, o), ref x, ref Unsafe.Add(ref y, o));
            for (; o + 64 <= stride; o += 64) Block64x512<TIn, TAct>(stride, ref Unsafe.Add(ref wT, o), ref Unsafe.Add(ref b, o), ref x, ref Unsafe.Add(ref y, o));
            for (; o < stride; o += 16) Block16x512<TIn, TAct>(stride, ref Unsafe.Add(ref wT, o), ref Unsafe.Add(ref b, o), ref x, ref Unsafe.Add(ref y, o));
        }
        else if (Avx2.IsSupported && Fma.IsSupported)
        {
            if (stride == 8) { Narrow8<TIn, TAct>(ref wT, ref b, ref x, ref y); return; }
            int o = 0;
            for (; o + 64 <= stride; o += 64) Block64x256<TIn, TAct>(stride, ref Unsafe.Add(ref wT, o), ref Unsafe.Add(ref b, o), ref x, ref Unsafe.Add(ref y, o));
            for (; o < stride; o += 16) Block16x256<TIn, TAct>(stride, ref Unsafe.Add(ref wT, o), ref Unsafe.Add(ref b, o), ref x, ref Unsafe.Add(ref y, o));
        }
        else
        {
            Scalar<TIn, TAct>(stride, ref wT, ref b, ref x, ref y);
        }
    }

    // 128 outputs, 8 zmm accumulators; two inputs per iteration (the chain is long but W2's 784×128 is bound by
    // loading the weights, not by FMA latency).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block128x512<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        int n = TIn.Value;
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16), a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> a4 = Vector512.LoadUnsafe(ref b, 64), a5 = Vector512.LoadUnsafe(ref b, 80), a6 = Vector512.LoadUnsafe(ref b, 96), a7 = Vector512.LoadUnsafe(ref b, 112);
        for (int k = 0; k < n; k++)
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
        TAct.Apply(a0).StoreUnsafe(ref y, 0); TAct.Apply(a1).StoreUnsafe(ref y, 16);
        TAct.Apply(a2).StoreUnsafe(ref y, 32); TAct.Apply(a3).StoreUnsafe(ref y, 48);
        TAct.Apply(a4).StoreUnsafe(ref y, 64); TAct.Apply(a5).StoreUnsafe(ref y, 80);
        TAct.Apply(a6).StoreUnsafe(ref y, 96); TAct.Apply(a7).StoreUnsafe(ref y, 112);
    }

    // 64 outputs, 4 zmm × 2 sets (even inputs into a, odd into c), summed at the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block64x512<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        int n = TIn.Value, k = 0;
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16), a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (; k + 2 <= n; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k)), u = Vector512.Create(Unsafe.Add(ref x, k + 1));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float s = ref Unsafe.Add(ref r, stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
            c0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 0), c0);
            c1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 16), c1);
            c2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 32), c2);
            c3 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 48), c3);
        }
        if (n % 2 != 0)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
        }
        TAct.Apply(a0 + c0).StoreUnsafe(ref y, 0);
        TAct.Apply(a1 + c1).StoreUnsafe(ref y, 16);
        TAct.Apply(a2 + c2).StoreUnsafe(ref y, 32);
        TAct.Apply(a3 + c3).StoreUnsafe(ref y, 48);
    }

    // 16 outputs, 1 zmm × 8 sets (input k into set k mod 8), summed pairwise at the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16x512<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        int n = TIn.Value, k = 0;
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (; k + 8 <= n; k += 8)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float xk = ref Unsafe.Add(ref x, k);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(xk), Vector512.LoadUnsafe(ref r), a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 1)), Vector512.LoadUnsafe(ref r, (nuint)stride), a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 2)), Vector512.LoadUnsafe(ref r, (nuint)(2 * stride)), a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 3)), Vector512.LoadUnsafe(ref r, (nuint)(3 * stride)), a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 4)), Vector512.LoadUnsafe(ref r, (nuint)(4 * stride)), a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 5)), Vector512.LoadUnsafe(ref r, (nuint)(5 * stride)), a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 6)), Vector512.LoadUnsafe(ref r, (nuint)(6 * stride)), a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref xk, 7)), Vector512.LoadUnsafe(ref r, (nuint)(7 * stride)), a7);
        }
        for (; k < n; k++) a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, k)), Vector512.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
        TAct.Apply(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref y);
    }

    // 8 outputs, 1 ymm × 8 sets (AVX-512 or AVX2: a zmm would be half padding).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Narrow8<TIn, TAct>(ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        const int stride = 8;
        int n = TIn.Value, k = 0;
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (; k + 8 <= n; k += 8)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float xk = ref Unsafe.Add(ref x, k);
            a0 = Fma.MultiplyAdd(Vector256.Create(xk), Vector256.LoadUnsafe(ref r), a0);
            a1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 1)), Vector256.LoadUnsafe(ref r, stride), a1);
            a2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 2)), Vector256.LoadUnsafe(ref r, 2 * stride), a2);
            a3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 3)), Vector256.LoadUnsafe(ref r, 3 * stride), a3);
            a4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 4)), Vector256.LoadUnsafe(ref r, 4 * stride), a4);
            a5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 5)), Vector256.LoadUnsafe(ref r, 5 * stride), a5);
            a6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 6)), Vector256.LoadUnsafe(ref r, 6 * stride), a6);
            a7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref xk, 7)), Vector256.LoadUnsafe(ref r, 7 * stride), a7);
        }
        for (; k < n; k++) a0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref x, k)), Vector256.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
        TAct.Apply(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref y);
    }

    // AVX2: 64 outputs as 8 ymm accumulators (the 16 ymm registers leave no room for a second set).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block64x256<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        int n = TIn.Value;
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b, 0), a1 = Vector256.LoadUnsafe(ref b, 8), a2 = Vector256.LoadUnsafe(ref b, 16), a3 = Vector256.LoadUnsafe(ref b, 24);
        Vector256<float> a4 = Vector256.LoadUnsafe(ref b, 32), a5 = Vector256.LoadUnsafe(ref b, 40), a6 = Vector256.LoadUnsafe(ref b, 48), a7 = Vector256.LoadUnsafe(ref b, 56);
        for (int k = 0; k < n; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 0), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 8), a1);
            a2 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 16), a2);
            a3 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 24), a3);
            a4 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 32), a4);
            a5 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 40), a5);
            a6 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 48), a6);
            a7 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 56), a7);
        }
        TAct.Apply(a0).StoreUnsafe(ref y, 0); TAct.Apply(a1).StoreUnsafe(ref y, 8);
        TAct.Apply(a2).StoreUnsafe(ref y, 16); TAct.Apply(a3).StoreUnsafe(ref y, 24);
        TAct.Apply(a4).StoreUnsafe(ref y, 32); TAct.Apply(a5).StoreUnsafe(ref y, 40);
        TAct.Apply(a6).StoreUnsafe(ref y, 48); TAct.Apply(a7).StoreUnsafe(ref y, 56);
    }

    // AVX2: 16 outputs as 2 ymm × 4 sets.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block16x256<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        int n = TIn.Value, k = 0;
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b, 0), a1 = Vector256.LoadUnsafe(ref b, 8), c0 = default, c1 = default;
        Vector256<float> d0 = default, d1 = default, e0 = default, e1 = default;
        for (; k + 4 <= n; k += 4)
        {
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float xk = ref Unsafe.Add(ref x, k);
            Vector256<float> v0 = Vector256.Create(xk), v1 = Vector256.Create(Unsafe.Add(ref xk, 1));
            Vector256<float> v2 = Vector256.Create(Unsafe.Add(ref xk, 2)), v3 = Vector256.Create(Unsafe.Add(ref xk, 3));
            a0 = Fma.MultiplyAdd(v0, Vector256.LoadUnsafe(ref r, 0), a0);
            a1 = Fma.MultiplyAdd(v0, Vector256.LoadUnsafe(ref r, 8), a1);
            c0 = Fma.MultiplyAdd(v1, Vector256.LoadUnsafe(ref r, (nuint)stride), c0);
            c1 = Fma.MultiplyAdd(v1, Vector256.LoadUnsafe(ref r, (nuint)stride + 8), c1);
            d0 = Fma.MultiplyAdd(v2, Vector256.LoadUnsafe(ref r, (nuint)(2 * stride)), d0);
            d1 = Fma.MultiplyAdd(v2, Vector256.LoadUnsafe(ref r, (nuint)(2 * stride) + 8), d1);
            e0 = Fma.MultiplyAdd(v3, Vector256.LoadUnsafe(ref r, (nuint)(3 * stride)), e0);
            e1 = Fma.MultiplyAdd(v3, Vector256.LoadUnsafe(ref r, (nuint)(3 * stride) + 8), e1);
        }
        for (; k < n; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, k));
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (nuint)(k * stride)), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref w, (nuint)(k * stride) + 8), a1);
        }
        TAct.Apply((a0 + c0) + (d0 + e0)).StoreUnsafe(ref y, 0);
        TAct.Apply((a1 + c1) + (d1 + e1)).StoreUnsafe(ref y, 8);
    }

    // Without AVX2: the same layout, one output at a time.
    private static void Scalar<TIn, TAct>(int stride, ref float w, ref float b, ref float x, ref float y) where TIn : ISize where TAct : ISimdActivation
    {
        for (int o = 0; o < stride; o++) Unsafe.Add(ref y, o) = Unsafe.Add(ref b, o);
        for (int k = 0; k < TIn.Value; k++)
        {
            float v = Unsafe.Add(ref x, k);
            ref float r = ref Unsafe.Add(ref w, k * stride);
            for (int o = 0; o < stride; o++) Unsafe.Add(ref y, o) += v * Unsafe.Add(ref r, o);
        }
        for (int o = 0; o < stride; o++) Unsafe.Add(ref y, o) = TAct.Apply(Unsafe.Add(ref y, o));
    }
}
