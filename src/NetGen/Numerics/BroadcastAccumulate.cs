using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// The inner loop every inference kernel shares (dense blocks, LSTM and GRU steps): <c>count</c> inputs,
/// each broadcast once and multiplied into a run of contiguous columns of its row of a packed Wᵀ (rows
/// <c>stride</c> floats apart), added to accumulators the caller keeps in registers. A block is three or four
/// 16-float columns (a GRU's r, z, n; an LSTM's i, f, g, o; 64 outputs of a dense layer), and a pair of blocks runs in
/// one pass. The 512-bit forms put even inputs into one set of accumulators and odd ones into a second, so two
/// independent FMA chains run per column; a recurrent step calls them twice, for x's rows and then h's, on the same
/// accumulators. Everything inlines (the column count and the pairing are constants), so the accumulators passed by
/// reference stay in registers; slots a form does not use are never touched.
/// </summary>
internal static class BroadcastAccumulate
{
    /// <summary>One block of four 16-float columns: an LSTM block's gates i, f, g, o, or 64 outputs of a dense layer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Four512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3)
    {
        Vector512<float> none = default;
        Rows512<FourColumns>(ref w, stride, ref x, count, pair: false, ref a0, ref a1, ref a2, ref a3, ref none, ref none, ref none, ref none,
            ref c0, ref c1, ref c2, ref c3, ref none, ref none, ref none, ref none);
    }

    /// <summary>Two blocks of four columns: two LSTM blocks' gates, 32 units in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Eight512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3,
        ref Vector512<float> c4, ref Vector512<float> c5, ref Vector512<float> c6, ref Vector512<float> c7)
        => Rows512<FourColumns>(ref w, stride, ref x, count, pair: true, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7,
            ref c0, ref c1, ref c2, ref c3, ref c4, ref c5, ref c6, ref c7);

    /// <summary>One block of three 16-float columns: a GRU block's r, z and n (n of x or of h: the caller passes the set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Three512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2)
    {
        Vector512<float> none = default;
        Rows512<ThreeColumns>(ref w, stride, ref x, count, pair: false, ref a0, ref a1, ref a2, ref none, ref none, ref none, ref none, ref none,
            ref c0, ref c1, ref c2, ref none, ref none, ref none, ref none, ref none);
    }

    /// <summary>Two blocks of three columns: two GRU blocks' r, z and n, 32 units in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Six512(ref float w, int stride, ref float x, int count,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3, ref Vector512<float> a4, ref Vector512<float> a5,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3, ref Vector512<float> c4, ref Vector512<float> c5)
    {
        Vector512<float> none = default;
        Rows512<ThreeColumns>(ref w, stride, ref x, count, pair: true, ref a0, ref a1, ref a2, ref none, ref a3, ref a4, ref a5, ref none,
            ref c0, ref c1, ref c2, ref none, ref c3, ref c4, ref c5, ref none);
    }

    /// <summary>With AVX2, one block of four columns as eight 8-float halves (64 outputs, an LSTM block): one set, as the 16 ymm registers leave no room for a second.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Eight256(ref float w, int stride, ref float x, int count,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3,
        ref Vector256<float> a4, ref Vector256<float> a5, ref Vector256<float> a6, ref Vector256<float> a7)
    {
        for (int k = 0; k < count; k++)
            Block256<FourColumns>(Vector256.Create(Unsafe.Add(ref x, k)), ref Unsafe.Add(ref w, k * stride), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
    }

    /// <summary>With AVX2, one block of three columns as six halves: a GRU block's r, z and n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Six256(ref float w, int stride, ref float x, int count,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3,
        ref Vector256<float> a4, ref Vector256<float> a5)
    {
        Vector256<float> none = default;
        for (int k = 0; k < count; k++)
            Block256<ThreeColumns>(Vector256.Create(Unsafe.Add(ref x, k)), ref Unsafe.Add(ref w, k * stride), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref none, ref none);
    }

    // Rows in pairs (even into a/b, odd into c/d), then an odd last row; b and d are the second block's when paired.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows512<TBlock>(ref float w, int stride, ref float x, int count, bool pair,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> b0, ref Vector512<float> b1, ref Vector512<float> b2, ref Vector512<float> b3,
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3,
        ref Vector512<float> d0, ref Vector512<float> d1, ref Vector512<float> d2, ref Vector512<float> d3)
        where TBlock : IBlockColumns
    {
        int next = 16 * TBlock.Columns; // the second block's first column
        int k = 0;
        for (; k + 2 <= count; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k)), u = Vector512.Create(Unsafe.Add(ref x, k + 1));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            ref float s = ref Unsafe.Add(ref r, stride);
            Block512<TBlock>(v, ref r, ref a0, ref a1, ref a2, ref a3);
            if (pair) Block512<TBlock>(v, ref Unsafe.Add(ref r, next), ref b0, ref b1, ref b2, ref b3);
            Block512<TBlock>(u, ref s, ref c0, ref c1, ref c2, ref c3);
            if (pair) Block512<TBlock>(u, ref Unsafe.Add(ref s, next), ref d0, ref d1, ref d2, ref d3);
        }
        if (k < count)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref w, k * stride);
            Block512<TBlock>(v, ref r, ref a0, ref a1, ref a2, ref a3);
            if (pair) Block512<TBlock>(v, ref Unsafe.Add(ref r, next), ref b0, ref b1, ref b2, ref b3);
        }
    }

    // One input value times one block's columns of its row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block512<TBlock>(Vector512<float> v, ref float r,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3)
        where TBlock : IBlockColumns
    {
        a0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), a0);
        a1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), a1);
        a2 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), a2);
        if (TBlock.Columns == 4) a3 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block256<TBlock>(Vector256<float> v, ref float r,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3,
        ref Vector256<float> a4, ref Vector256<float> a5, ref Vector256<float> a6, ref Vector256<float> a7)
        where TBlock : IBlockColumns
    {
        a0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 0), a0);
        a1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 8), a1);
        a2 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 16), a2);
        a3 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 24), a3);
        a4 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 32), a4);
        a5 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 40), a5);
        if (TBlock.Columns != 4) return;
        a6 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 48), a6);
        a7 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 56), a7);
    }

    /// <summary>A block's count of 16-float columns, a constant to the JIT.</summary>
    private interface IBlockColumns
    {
        static abstract int Columns { get; }
    }

    private readonly struct ThreeColumns : IBlockColumns
    {
        public static int Columns => 3;
    }

    private readonly struct FourColumns : IBlockColumns
    {
        public static int Columns => 4;
    }
}
