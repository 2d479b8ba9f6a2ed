using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// A gated kind's step in the inference form, block by block (<see cref="LstmInferenceKernels"/>,
/// <see cref="GruInferenceKernels"/>): Wᵀ's columns and the bias grouped by blocks of 16 units, each block's math the
/// kind's own. Every block reads x and the whole h_{t−1} and writes its 16 units of h_t and of the kind's state (an
/// LSTM's c; a GRU reads its own units of h_{t−1} there).
/// </summary>
internal interface IGatedInferenceBlock
{
    /// <summary>Columns of the packed Wᵀ per block of 16 units (the bias has <see cref="GatedInferenceStep.BiasPerBlock"/> floats per block).</summary>
    static abstract int ColumnsPerBlock { get; }

    /// <summary>Two neighbouring blocks in one pass (AVX-512).</summary>
    static abstract void Pair512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float state, ref float hidden);

    /// <summary>One block with AVX-512.</summary>
    static abstract void Block512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float state, ref float hidden);

    /// <summary>One block with AVX2 + FMA.</summary>
    static abstract void Block256(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float state, ref float hidden);

    /// <summary>One block without AVX2.</summary>
    static abstract void BlockScalar(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float state, ref float hidden);
}

/// <summary>The block loop of a gated step: pairs of blocks with AVX-512 (twice the independent chains in a step's latency), then single blocks.</summary>
internal static class GatedInferenceStep
{
    /// <summary>Floats of the packed bias per block of 16 units, for every gated kind.</summary>
    public const int BiasPerBlock = 64;

    /// <summary>The hidden units rounded up to whole blocks of 16: floats of each h buffer (and an LSTM's c).</summary>
    public static int PaddedUnits(int units) => (units + 15) & ~15;

    /// <summary>Columns of the packed Wᵀ for <paramref name="units"/> hidden units.</summary>
    public static int Columns<TBlock>(int units) where TBlock : IGatedInferenceBlock => TBlock.ColumnsPerBlock * (PaddedUnits(units) / 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TBlock>(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, ref float state, ref float hidden)
        where TBlock : IGatedInferenceBlock
    {
        int blocks = PaddedUnits(units) / 16, columns = Columns<TBlock>(units), j = 0;
        if (Avx512F.IsSupported)
            for (; j + 2 <= blocks; j += 2)
                TBlock.Pair512(ref Unsafe.Add(ref w, TBlock.ColumnsPerBlock * j), ref Unsafe.Add(ref b, BiasPerBlock * j), ref x, inputs, ref previousHidden, units, columns,
                    ref Unsafe.Add(ref state, 16 * j), ref Unsafe.Add(ref hidden, 16 * j));
        for (; j < blocks; j++)
        {
            ref float wj = ref Unsafe.Add(ref w, TBlock.ColumnsPerBlock * j);
            ref float bj = ref Unsafe.Add(ref b, BiasPerBlock * j);
            ref float sj = ref Unsafe.Add(ref state, 16 * j);
            ref float hj = ref Unsafe.Add(ref hidden, 16 * j);
            if (Avx512F.IsSupported) TBlock.Block512(ref wj, ref bj, ref x, inputs, ref previousHidden, units, columns, ref sj, ref hj);
            else if (Avx2.IsSupported && Fma.IsSupported) TBlock.Block256(ref wj, ref bj, ref x, inputs, ref previousHidden, units, columns, ref sj, ref hj);
            else TBlock.BlockScalar(ref wj, ref bj, ref x, inputs, ref previousHidden, units, columns, ref sj, ref hj);
        }
    }
}
