using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// An LSTM step for the generated inference form (torch.nn.LSTMCell: gates i, f, g, o; c = f·c + i·g, h = o·tanh c).
/// W_ih and W_hh are packed once, transposed and stacked (x's rows, then h's) with the gates interleaved by blocks of
/// 16 units — block j's 64 columns are i, f, g, o of units 16j … 16j + 15 — and b_ih + b_hh summed (the σ gates' rows
/// and biases halved, exact in float, so that each σ is one tanh: <see cref="VectorMath.GateOfHalf(float)"/>), so a block's four
/// gates are four vectors filled by broadcasting x_t[k] and h_{t−1}[k] once each, then the cell runs on the
/// accumulators and stores c and h: no gate ever goes to memory, no horizontal sum. The hidden units are padded to a
/// multiple of 16 with zero weights (their c and h stay 0).
/// </summary>
public static class LstmInferenceKernels
{
    /// <summary>Columns of the packed Wᵀ (and floats of the bias) for <paramref name="units"/> hidden units.</summary>
    public static int Columns(int units) => GatedInferenceStep.Columns<Block>(units);

    /// <summary>The hidden units rounded up to a whole block of 16: floats of each h and c buffer.</summary>
    public static int PaddedUnits(int units) => GatedInferenceStep.PaddedUnits(units);

    /// <summary>
    /// Packs PyTorch's W_ih <c>[4H, in]</c>, W_hh <c>[4H, H]</c>, b_ih and b_hh <c>[4H]</c> into
    /// <paramref name="transposed"/> (<c>[in + H, Columns(H)]</c>) and <paramref name="packedBias"/> (<c>Columns(H)</c>).
    /// </summary>
    public static void Pack(ReadOnlySpan<float> inputWeights, ReadOnlySpan<float> recurrentWeights, ReadOnlySpan<float> inputBias,
        ReadOnlySpan<float> recurrentBias, Span<float> transposed, Span<float> packedBias)
    {
        int rows = inputBias.Length, units = rows / 4, columns = Columns(units);
        int inputs = units == 0 ? 0 : inputWeights.Length / rows;
        if (units == 0 || rows % 4 != 0 || inputWeights.Length != rows * inputs || recurrentWeights.Length != rows * units
            || recurrentBias.Length != rows || transposed.Length != (inputs + units) * columns || packedBias.Length != columns)
            throw new ArgumentException($"Expected W_ih [{rows}, {inputs}], W_hh [{rows}, {units}], biases of {rows}, Wᵀ of {inputs + units} x {columns} and a bias of {columns}.");
        transposed.Clear();
        packedBias.Clear();
        for (int row = 0; row < rows; row++)
        {
            int gate = row / units, unit = row % units, column = unit / 16 * Block.ColumnsPerBlock + gate * 16 + unit % 16;
            float scale = gate == 2 ? 1f : 0.5f; // i, f, o halved: their σ is VectorMath.GateOfHalf, one tanh
            for (int k = 0; k < inputs; k++) transposed[k * columns + column] = scale * inputWeights[row * inputs + k];
            for (int k = 0; k < units; k++) transposed[(inputs + k) * columns + column] = scale * recurrentWeights[row * units + k];
            packedBias[column] = scale * (inputBias[row] + recurrentBias[row]);
        }
    }

    /// <summary>
    /// One step: from x (<paramref name="inputs"/> values), h_{t−1} (<paramref name="units"/>) and c, writes c (in place)
    /// and h_t (<see cref="PaddedUnits"/> values, which must not overlap h_{t−1}). <paramref name="w"/> and
    /// <paramref name="b"/> as <see cref="Pack"/> wrote them. For generated code (sizes as constants; nothing checked).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, ref float cell, ref float hidden)
        => GatedInferenceStep.Run<Block>(ref w, ref b, ref x, inputs, ref previousHidden, units, ref cell, ref hidden);

    // The kind's block math, for GatedInferenceStep's loop.
    private readonly struct Block : IGatedInferenceBlock
    {
        public static int ColumnsPerBlock => 64;

        // One block of 16 units: i, f, g, o as 4 zmm × 2 sets (even rows of x and of h into a, odd into e).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float cell, ref float hidden)
        {
            Vector512<float> i = Vector512.LoadUnsafe(ref b, 0), f = Vector512.LoadUnsafe(ref b, 16), g = Vector512.LoadUnsafe(ref b, 32), o = Vector512.LoadUnsafe(ref b, 48);
            Vector512<float> ei = default, ef = default, eg = default, eo = default;
            BroadcastAccumulate.Four512(ref w, columns, ref x, inputs, ref i, ref f, ref g, ref o, ref ei, ref ef, ref eg, ref eo);
            BroadcastAccumulate.Four512(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units, ref i, ref f, ref g, ref o, ref ei, ref ef, ref eg, ref eo);
            Cell512(i + ei, f + ef, g + eg, o + eo, ref cell, ref hidden);
        }

        // Two blocks of 16 units: their 8 gate columns as 8 zmm × 2 sets.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pair512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float cell, ref float hidden)
        {
            Vector512<float> i0 = Vector512.LoadUnsafe(ref b, 0), f0 = Vector512.LoadUnsafe(ref b, 16), g0 = Vector512.LoadUnsafe(ref b, 32), o0 = Vector512.LoadUnsafe(ref b, 48);
            Vector512<float> i1 = Vector512.LoadUnsafe(ref b, 64), f1 = Vector512.LoadUnsafe(ref b, 80), g1 = Vector512.LoadUnsafe(ref b, 96), o1 = Vector512.LoadUnsafe(ref b, 112);
            Vector512<float> ei0 = default, ef0 = default, eg0 = default, eo0 = default, ei1 = default, ef1 = default, eg1 = default, eo1 = default;
            BroadcastAccumulate.Eight512(ref w, columns, ref x, inputs, ref i0, ref f0, ref g0, ref o0, ref i1, ref f1, ref g1, ref o1,
                ref ei0, ref ef0, ref eg0, ref eo0, ref ei1, ref ef1, ref eg1, ref eo1);
            BroadcastAccumulate.Eight512(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units, ref i0, ref f0, ref g0, ref o0, ref i1, ref f1, ref g1, ref o1,
                ref ei0, ref ef0, ref eg0, ref eo0, ref ei1, ref ef1, ref eg1, ref eo1);
            Cell512(i0 + ei0, f0 + ef0, g0 + eg0, o0 + eo0, ref cell, ref hidden);
            Cell512(i1 + ei1, f1 + ef1, g1 + eg1, o1 + eo1, ref Unsafe.Add(ref cell, 16), ref Unsafe.Add(ref hidden, 16));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Cell512(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, ref float cell, ref float hidden)
        {
            Vector512<float> c = Avx512F.FusedMultiplyAdd(VectorMath.GateOfHalf(f), Vector512.LoadUnsafe(ref cell), VectorMath.GateOfHalf(i) * VectorMath.Tanh(g));
            c.StoreUnsafe(ref cell);
            (VectorMath.GateOfHalf(o) * VectorMath.Tanh(c)).StoreUnsafe(ref hidden);
        }

        // AVX2: one block of 16 units as 8 ymm accumulators (i, f, g, o, two halves each).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block256(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float cell, ref float hidden)
        {
            Vector256<float> i0 = Vector256.LoadUnsafe(ref b, 0), i1 = Vector256.LoadUnsafe(ref b, 8), f0 = Vector256.LoadUnsafe(ref b, 16), f1 = Vector256.LoadUnsafe(ref b, 24);
            Vector256<float> g0 = Vector256.LoadUnsafe(ref b, 32), g1 = Vector256.LoadUnsafe(ref b, 40), o0 = Vector256.LoadUnsafe(ref b, 48), o1 = Vector256.LoadUnsafe(ref b, 56);
            BroadcastAccumulate.Eight256(ref w, columns, ref x, inputs, ref i0, ref i1, ref f0, ref f1, ref g0, ref g1, ref o0, ref o1);
            BroadcastAccumulate.Eight256(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units, ref i0, ref i1, ref f0, ref f1, ref g0, ref g1, ref o0, ref o1);
            Cell256(i0, f0, g0, o0, ref cell, ref hidden);
            Cell256(i1, f1, g1, o1, ref Unsafe.Add(ref cell, 8), ref Unsafe.Add(ref hidden, 8));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Cell256(Vector256<float> i, Vector256<float> f, Vector256<float> g, Vector256<float> o, ref float cell, ref float hidden)
        {
            Vector256<float> c = Fma.MultiplyAdd(VectorMath.GateOfHalf(f), Vector256.LoadUnsafe(ref cell), VectorMath.GateOfHalf(i) * VectorMath.Tanh(g));
            c.StoreUnsafe(ref cell);
            (VectorMath.GateOfHalf(o) * VectorMath.Tanh(c)).StoreUnsafe(ref hidden);
        }

        // Without AVX2: the same layout, one unit at a time.
        public static void BlockScalar(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float cell, ref float hidden)
        {
            Span<float> z = stackalloc float[4];
            for (int unit = 0; unit < 16; unit++)
            {
                for (int gate = 0; gate < 4; gate++)
                {
                    int column = gate * 16 + unit;
                    float sum = Unsafe.Add(ref b, column);
                    for (int k = 0; k < inputs + units; k++)
                        sum += (k < inputs ? Unsafe.Add(ref x, k) : Unsafe.Add(ref previousHidden, k - inputs)) * Unsafe.Add(ref w, k * columns + column);
                    z[gate] = sum;
                }
                float c = VectorMath.GateOfHalf(z[1]) * Unsafe.Add(ref cell, unit) + VectorMath.GateOfHalf(z[0]) * MathF.Tanh(z[2]);
                Unsafe.Add(ref cell, unit) = c;
                Unsafe.Add(ref hidden, unit) = VectorMath.GateOfHalf(z[3]) * MathF.Tanh(c);
            }
        }
    }
}
