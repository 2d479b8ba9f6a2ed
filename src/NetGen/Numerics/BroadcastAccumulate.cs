using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// The inner loop every inference kernel shares (dense blocks, LSTM and GRU steps): <c>count</c> inputs,
/// each broadcast once and multiplied into a run of contiguous columns of its row of a packed Wᵀ (rows
/// <c>stride</c> floats apart), added to accumulators the caller keeps in registers. The 512-bit forms put even
/// inputs into one set and odd ones into a second, so two independent FMA chains run per column; a recurrent step
/// calls them twice, for x's rows and then h's, on the same accumulators. Inlined: the accumulators passed by
/// reference stay in registers.
/// </summary>
internal static class BroadcastAccumulate
{
    /// <summary>Four 16-float columns: an LSTM block's gates i, f, g, o, or 64 outputs of a dense layer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3)
    {
        int k = 0;
        for (; k + 2 <= count; k += 2)
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
        if (k < count)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
        }
    }

    /// <summary>Eight 16-float columns: two LSTM blocks' gates, 32 units in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Eight512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3,
        ref Vector512<float> c4, ref Vector512<float> c5, ref Vector512<float> c6, ref Vector512<float> c7)
    {
        int k = 0;
        for (; k + 2 <= count; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k)), u = Vector512.Create(Unsafe.Add(ref x, k + 1));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float s = ref Unsafe.Add(ref r, stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
            a4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), a4);
            a5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), a5);
            a6 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 96), a6);
            a7 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 112), a7);
            c0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 0), c0);
            c1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 16), c1);
            c2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 32), c2);
            c3 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 48), c3);
            c4 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 64), c4);
            c5 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 80), c5);
            c6 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 96), c6);
            c7 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 112), c7);
        }
        if (k < count)
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
    }

    /// <summary>Three 16-float columns: a GRU block's r, z and n (n of x or of h: the caller passes the set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Three512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2)
    {
        int k = 0;
        for (; k + 2 <= count; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k)), u = Vector512.Create(Unsafe.Add(ref x, k + 1));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float s = ref Unsafe.Add(ref r, stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            c0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 0), c0);
            c1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 16), c1);
            c2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 32), c2);
        }
        if (k < count)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
        }
    }

    /// <summary>Six 16-float columns: two GRU blocks' r, z and n (of x or of h), 32 units in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Six512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3, ref Vector512<float> a4, ref Vector512<float> a5,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3, ref Vector512<float> c4, ref Vector512<float> c5)
    {
        int k = 0;
        for (; k + 2 <= count; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k)), u = Vector512.Create(Unsafe.Add(ref x, k + 1));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float s = ref Unsafe.Add(ref r, stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
            a4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), a4);
            a5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), a5);
            c0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 0), c0);
            c1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 16), c1);
            c2 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 32), c2);
            c3 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 48), c3);
            c4 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 64), c4);
            c5 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 80), c5);
        }
        if (k < count)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
            a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
            a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
            a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
            a4 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), a4);
            a5 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), a5);
        }
    }

    /// <summary>Eight 8-float columns with AVX2 (64 outputs, an LSTM block's four gates in two halves): one set, as the 16 ymm registers leave no room for a second.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Eight256(ref float w, int stride, ref float x, int count,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3,
        ref Vector256<float> a4, ref Vector256<float> a5, ref Vector256<float> a6, ref Vector256<float> a7)
    {
        for (int k = 0; k < count; k++)
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
    }

    /// <summary>Six 8-float columns with AVX2: a GRU block's r, z and n in two halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Six256(ref float w, int stride, ref float x, int count,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3,
        ref Vector256<float> a4, ref Vector256<float> a5)
    {
        for (int k = 0; k < count; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 0), a0);
            a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 8), a1);
            a2 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 16), a2);
            a3 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 24), a3);
            a4 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 32), a4);
            a5 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 40), a5);
        }
    }
}
