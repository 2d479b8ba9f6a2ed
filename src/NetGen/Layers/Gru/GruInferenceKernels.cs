using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// A GRU step for the generated inference form (torch.nn.GRUCell: gates r, z, n; n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)),
/// h = (1 − z) ⊙ n + z ⊙ h₋₁). W_ih and W_hh are packed once, transposed and stacked (x's rows, then h's) with the gates
/// interleaved by blocks of 16 units — block j's 48 columns are r, z, n of units 16j … 16j + 15, n being W_in in x's
/// rows and W_hn in h's — so the products of x and of h land in separate n accumulators (r scales h's alone) and no
/// column is zero padding. Per block the bias holds 64 floats: b_ir + b_hr, b_iz + b_hz, b_in, b_hn. The r and z rows and
/// biases are halved (exact in float) so that each σ is one tanh (<see cref="VectorMath.GateOfHalf(float)"/>). The cell runs on
/// the accumulators: no gate goes to memory, no horizontal sum. The hidden units are padded to a multiple of 16 with
/// zero weights (their h stays 0).
/// </summary>
public static class GruInferenceKernels
{
    /// <summary>Columns of the packed Wᵀ for <paramref name="units"/> hidden units.</summary>
    public static int Columns(int units) => GatedInferenceStep.Columns<Block>(units);

    /// <summary>Floats of the packed bias: four blocks of 16 per block of units.</summary>
    public static int BiasCount(int units) => GatedInferenceStep.BiasPerBlock * (PaddedUnits(units) / 16);

    /// <summary>The hidden units rounded up to a whole block of 16: floats of each h buffer.</summary>
    public static int PaddedUnits(int units) => GatedInferenceStep.PaddedUnits(units);

    /// <summary>
    /// Packs PyTorch's W_ih <c>[3H, in]</c>, W_hh <c>[3H, H]</c>, b_ih and b_hh <c>[3H]</c> into
    /// <paramref name="transposed"/> (<c>[in + H, Columns(H)]</c>) and <paramref name="packedBias"/> (<c>BiasCount(H)</c>).
    /// </summary>
    public static void Pack(ReadOnlySpan<float> inputWeights, ReadOnlySpan<float> recurrentWeights, ReadOnlySpan<float> inputBias,
        ReadOnlySpan<float> recurrentBias, Span<float> transposed, Span<float> packedBias)
    {
        int rows = inputBias.Length, units = rows / 3, columns = Columns(units);
        int inputs = units == 0 ? 0 : inputWeights.Length / rows;
        if (units == 0 || rows % 3 != 0 || inputWeights.Length != rows * inputs || recurrentWeights.Length != rows * units
            || recurrentBias.Length != rows || transposed.Length != (inputs + units) * columns || packedBias.Length != BiasCount(units))
            throw new ArgumentException($"Expected W_ih [{rows}, {inputs}], W_hh [{rows}, {units}], biases of {rows}, Wᵀ of {inputs + units} x {columns} and a bias of {BiasCount(units)}.");
        transposed.Clear();
        packedBias.Clear();
        for (int row = 0; row < rows; row++)
        {
            int gate = row / units, unit = row % units, column = unit / 16 * Block.ColumnsPerBlock + gate * 16 + unit % 16,
                biasAt = unit / 16 * GatedInferenceStep.BiasPerBlock + gate * 16 + unit % 16;
            float scale = gate < 2 ? 0.5f : 1f; // r and z halved: their σ is VectorMath.GateOfHalf, one tanh
            for (int k = 0; k < inputs; k++) transposed[k * columns + column] = scale * inputWeights[row * inputs + k];
            for (int k = 0; k < units; k++) transposed[(inputs + k) * columns + column] = scale * recurrentWeights[row * units + k];
            if (gate < 2) packedBias[biasAt] = scale * (inputBias[row] + recurrentBias[row]);
            else
            {
                packedBias[biasAt] = inputBias[row];
                packedBias[biasAt + 16] = recurrentBias[row];
            }
        }
    }

    /// <summary>
    /// One step: from x (<paramref name="inputs"/> values) and h_{t−1} (<paramref name="units"/>), writes h_t
    /// (<see cref="PaddedUnits"/> values, which must not overlap h_{t−1}). <paramref name="w"/> and <paramref name="b"/>
    /// as <see cref="Pack"/> wrote them. For generated code (sizes as constants; nothing checked).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, ref float hidden)
        => GatedInferenceStep.Run<Block>(ref w, ref b, ref x, inputs, ref previousHidden, units, ref previousHidden, ref hidden);

    // The kind's block math, for GatedInferenceStep's loop.
    private readonly struct Block : IGatedInferenceBlock
    {
        public static int ColumnsPerBlock => 48;

        // One block of 16 units: r, z, n of x (and n of h) as zmm accumulators, two sets (even and odd rows).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float own, ref float hidden)
        {
            Vector512<float> r = Vector512.LoadUnsafe(ref b, 0), z = Vector512.LoadUnsafe(ref b, 16), nx = Vector512.LoadUnsafe(ref b, 32), nh = Vector512.LoadUnsafe(ref b, 48);
            Vector512<float> er = default, ez = default, enx = default, enh = default;
            BroadcastAccumulate.Three512(ref w, columns, ref x, inputs, ref r, ref z, ref nx, ref er, ref ez, ref enx);
            BroadcastAccumulate.Three512(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units, ref r, ref z, ref nh, ref er, ref ez, ref enh);
            Cell512(r + er, z + ez, nx + enx, nh + enh, ref own, ref hidden);
        }

        // Two blocks of 16 units: r, z, n of x, n of h of each as zmm accumulators, two sets (even and odd rows).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pair512(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float own, ref float hidden)
        {
            Vector512<float> r0 = Vector512.LoadUnsafe(ref b, 0), z0 = Vector512.LoadUnsafe(ref b, 16), nx0 = Vector512.LoadUnsafe(ref b, 32), nh0 = Vector512.LoadUnsafe(ref b, 48);
            Vector512<float> r1 = Vector512.LoadUnsafe(ref b, 64), z1 = Vector512.LoadUnsafe(ref b, 80), nx1 = Vector512.LoadUnsafe(ref b, 96), nh1 = Vector512.LoadUnsafe(ref b, 112);
            Vector512<float> er0 = default, ez0 = default, enx0 = default, enh0 = default, er1 = default, ez1 = default, enx1 = default, enh1 = default;
            BroadcastAccumulate.Six512(ref w, columns, ref x, inputs, ref r0, ref z0, ref nx0, ref r1, ref z1, ref nx1, ref er0, ref ez0, ref enx0, ref er1, ref ez1, ref enx1);
            BroadcastAccumulate.Six512(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units,
                ref r0, ref z0, ref nh0, ref r1, ref z1, ref nh1, ref er0, ref ez0, ref enh0, ref er1, ref ez1, ref enh1);
            Cell512(r0 + er0, z0 + ez0, nx0 + enx0, nh0 + enh0, ref own, ref hidden);
            Cell512(r1 + er1, z1 + ez1, nx1 + enx1, nh1 + enh1, ref Unsafe.Add(ref own, 16), ref Unsafe.Add(ref hidden, 16));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Cell512(Vector512<float> r, Vector512<float> z, Vector512<float> nx, Vector512<float> nh, ref float own, ref float hidden)
        {
            Vector512<float> n = VectorMath.Tanh(Avx512F.FusedMultiplyAdd(VectorMath.GateOfHalf(r), nh, nx));
            Avx512F.FusedMultiplyAdd(VectorMath.GateOfHalf(z), Vector512.LoadUnsafe(ref own) - n, n).StoreUnsafe(ref hidden);
        }

        // AVX2: one block of 16 units as 8 ymm accumulators (r, z, n of x, n of h; two halves each).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block256(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float own, ref float hidden)
        {
            Vector256<float> r0 = Vector256.LoadUnsafe(ref b, 0), r1 = Vector256.LoadUnsafe(ref b, 8), z0 = Vector256.LoadUnsafe(ref b, 16), z1 = Vector256.LoadUnsafe(ref b, 24);
            Vector256<float> nx0 = Vector256.LoadUnsafe(ref b, 32), nx1 = Vector256.LoadUnsafe(ref b, 40), nh0 = Vector256.LoadUnsafe(ref b, 48), nh1 = Vector256.LoadUnsafe(ref b, 56);
            BroadcastAccumulate.Six256(ref w, columns, ref x, inputs, ref r0, ref r1, ref z0, ref z1, ref nx0, ref nx1);
            BroadcastAccumulate.Six256(ref Unsafe.Add(ref w, inputs * columns), columns, ref previousHidden, units, ref r0, ref r1, ref z0, ref z1, ref nh0, ref nh1);
            Cell256(r0, z0, nx0, nh0, ref own, ref hidden);
            Cell256(r1, z1, nx1, nh1, ref Unsafe.Add(ref own, 8), ref Unsafe.Add(ref hidden, 8));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Cell256(Vector256<float> r, Vector256<float> z, Vector256<float> nx, Vector256<float> nh, ref float own, ref float hidden)
        {
            Vector256<float> n = VectorMath.Tanh(Fma.MultiplyAdd(VectorMath.GateOfHalf(r), nh, nx));
            Fma.MultiplyAdd(VectorMath.GateOfHalf(z), Vector256.LoadUnsafe(ref own) - n, n).StoreUnsafe(ref hidden);
        }

        // Without AVX2: the same layout, one unit at a time.
        public static void BlockScalar(ref float w, ref float b, ref float x, int inputs, ref float previousHidden, int units, int columns, ref float own, ref float hidden)
        {
            for (int unit = 0; unit < 16; unit++)
            {
                float r = Unsafe.Add(ref b, unit), z = Unsafe.Add(ref b, 16 + unit), nx = Unsafe.Add(ref b, 32 + unit), nh = Unsafe.Add(ref b, 48 + unit);
                for (int k = 0; k < inputs; k++)
                {
                    float v = Unsafe.Add(ref x, k);
                    ref float p = ref Unsafe.Add(ref w, k * columns + unit);
                    r += v * p; z += v * Unsafe.Add(ref p, 16); nx += v * Unsafe.Add(ref p, 32);
                }
                for (int k = 0; k < units; k++)
                {
                    float v = Unsafe.Add(ref previousHidden, k);
                    ref float p = ref Unsafe.Add(ref w, (inputs + k) * columns + unit);
                    r += v * p; z += v * Unsafe.Add(ref p, 16); nh += v * Unsafe.Add(ref p, 32);
                }
                float n = MathF.Tanh(nx + VectorMath.GateOfHalf(r) * nh);
                Unsafe.Add(ref hidden, unit) = n + VectorMath.GateOfHalf(z) * (Unsafe.Add(ref own, unit) - n);
            }
        }
    }
}
