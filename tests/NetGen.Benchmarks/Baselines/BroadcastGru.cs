using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// W6's strongest hand-written forward for inference (GRU 8 → 32, gates r, z, n as <c>torch.nn.GRUCell</c>, then a
/// linear dense 32 → 1 on the last step), as <see cref="BroadcastLstm"/>: W_ihᵀ <c>[8, 96]</c> and W_hhᵀ <c>[32, 96]</c>
/// packed once, 64-byte aligned, the gates interleaved by blocks of 16 units (columns r₀…₁₅ z₀…₁₅ n₀…₁₅ r₁₆…₃₁ z₁₆…₃₁
/// n₁₆…₃₁; n is W_in in the x rows and W_hn in the h rows), biases b_ir + b_hr, b_iz + b_hz, b_in, b_hn. A step
/// broadcasts each x_t[k] and h_{t−1}[k] once against both blocks' columns: with AVX-512, 8 zmm accumulators (r, z,
/// n of x, n of h for each block) for x and the even h values, 6 more for the odd ones, no horizontal sum; the n of x
/// and of h stay apart because r scales W_hn·h + b_hn alone. Then r, z, n and h in registers; only h is kept per step.
/// With AVX2 one block of 16 units at a time (8 ymm accumulators), otherwise scalar. Like the other sides, a sequence
/// starts from h = 0 and step 0 runs W_hh·0 in full. 0 B per call.
/// </summary>
public sealed class BroadcastGru : IRecurrentSimdForward
{
    private const int Inputs = 8, Units = 32, Rows = 3 * Units, Columns = 96, BiasColumns = 128;
    private const int WeightIh = 0, WeightHh = WeightIh + Rows * Inputs, BiasIh = WeightHh + Rows * Units, BiasHh = BiasIh + Rows;
    private const int OutWeight = BiasHh + Rows, OutBias = OutWeight + Units;

    /// <summary>Number of weights and biases (NetGen's layout).</summary>
    public const int ParameterCount = OutBias + 1;

    private readonly AlignedFloats _inputWeights = new(Inputs * Columns), _hiddenWeights = new(Units * Columns), _bias = new(BiasColumns);
    private readonly AlignedFloats _outWeight = new(Units), _zeros = new(Units);
    private float _outBias;
    private AlignedFloats _hidden = new(0);
    private int _capacity, _steps;

    /// <summary>Packs parameters in NetGen's layout: transposed, gate-interleaved by blocks of 16 units.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        Span<float> wi = _inputWeights.Span, wh = _hiddenWeights.Span, bias = _bias.Span;
        for (int row = 0; row < Rows; row++)
        {
            int gate = row / Units, unit = row % Units, column = unit / 16 * 48 + gate * 16 + unit % 16, biasColumn = unit / 16 * 64 + gate * 16 + unit % 16;
            for (int k = 0; k < Inputs; k++) wi[k * Columns + column] = parameters[WeightIh + row * Inputs + k];
            for (int k = 0; k < Units; k++) wh[k * Columns + column] = parameters[WeightHh + row * Units + k];
            if (gate < 2) bias[biasColumn] = parameters[BiasIh + row] + parameters[BiasHh + row];
            else
            {
                bias[biasColumn] = parameters[BiasIh + row];
                bias[biasColumn + 16] = parameters[BiasHh + row];
            }
        }
        parameters.Slice(OutWeight, Units).CopyTo(_outWeight.Span);
        _outBias = parameters[OutBias];
    }

    /// <summary>After Forward: the hidden state of every step, step-major.</summary>
    public ReadOnlySpan<float> HiddenStates => _hidden.Span.Slice(0, _steps * Units);

    /// <summary>Runs the sequence (steps × 8 values) from h = 0; the last step's dense output lands in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length == 0 || input.Length % Inputs != 0) throw new ArgumentException($"Expected a positive multiple of {Inputs} values.", nameof(input));
        if (output.Length != 1) throw new ArgumentException("Expected one output.", nameof(output));
        int steps = input.Length / Inputs;
        if (steps > _capacity) Grow(steps);
        _steps = steps;
        ref float wi = ref _inputWeights.Ref, wh = ref _hiddenWeights.Ref, b = ref _bias.Ref;
        ref float x0 = ref MemoryMarshal.GetReference(input), hidden0 = ref _hidden.Ref;
        for (int t = 0; t < steps; t++)
        {
            ref float x = ref Unsafe.Add(ref x0, t * Inputs);
            ref float hp = ref t > 0 ? ref Unsafe.Add(ref hidden0, (t - 1) * Units) : ref _zeros.Ref;
            ref float h = ref Unsafe.Add(ref hidden0, t * Units);
            if (Avx512F.IsSupported) Step512(ref wi, ref wh, ref b, ref x, ref hp, ref h);
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                Step256(0, ref wi, ref wh, ref b, ref x, ref hp, ref h);
                Step256(1, ref wi, ref wh, ref b, ref x, ref hp, ref h);
            }
            else StepScalar(ref wi, ref wh, ref b, ref x, ref hp, ref h);
        }
        ref float last = ref Unsafe.Add(ref hidden0, (steps - 1) * Units);
        if (Avx512F.IsSupported)
            output[0] = _outBias + Vector512.Sum(Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref _outWeight.Ref, 16), Vector512.LoadUnsafe(ref last, 16),
                Vector512.LoadUnsafe(ref _outWeight.Ref) * Vector512.LoadUnsafe(ref last)));
        else output[0] = _outBias + SimdDot.Row<N32>(ref _outWeight.Ref, ref last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float h)
    {
        Vector512<float> r0 = Vector512.LoadUnsafe(ref b, 0), z0 = Vector512.LoadUnsafe(ref b, 16), nx0 = Vector512.LoadUnsafe(ref b, 32), nh0 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> r1 = Vector512.LoadUnsafe(ref b, 64), z1 = Vector512.LoadUnsafe(ref b, 80), nx1 = Vector512.LoadUnsafe(ref b, 96), nh1 = Vector512.LoadUnsafe(ref b, 112);
        for (int k = 0; k < Inputs; k++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float p = ref Unsafe.Add(ref wi, k * Columns);
            r0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 0), r0);
            z0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 16), z0);
            nx0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 32), nx0);
            r1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 48), r1);
            z1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 64), z1);
            nx1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 80), nx1);
        }
        Vector512<float> er0 = default, ez0 = default, en0 = default, er1 = default, ez1 = default, en1 = default;
        for (int k = 0; k < Units; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref hp, k)), u = Vector512.Create(Unsafe.Add(ref hp, k + 1));
            ref float p = ref Unsafe.Add(ref wh, k * Columns);
            ref float q = ref Unsafe.Add(ref p, Columns);
            r0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 0), r0);
            z0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 16), z0);
            nh0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 32), nh0);
            r1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 48), r1);
            z1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 64), z1);
            nh1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref p, 80), nh1);
            er0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 0), er0);
            ez0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 16), ez0);
            en0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 32), en0);
            er1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 48), er1);
            ez1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 64), ez1);
            en1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref q, 80), en1);
        }
        Finish(r0 + er0, z0 + ez0, nx0, nh0 + en0, ref hp, ref h);
        Finish(r1 + er1, z1 + ez1, nx1, nh1 + en1, ref Unsafe.Add(ref hp, 16), ref Unsafe.Add(ref h, 16));
    }

    // n = tanh(nx + r·nh), h = n + z·(h₋₁ − n) for 16 units.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<float> r, Vector512<float> z, Vector512<float> nx, Vector512<float> nh, ref float hp, ref float h)
    {
        Vector512<float> n = SimdMath.Tanh(Avx512F.FusedMultiplyAdd(SimdMath.Sigmoid(r), nh, nx));
        Avx512F.FusedMultiplyAdd(SimdMath.Sigmoid(z), Vector512.LoadUnsafe(ref hp) - n, n).StoreUnsafe(ref h);
    }

    // AVX2: block j of 16 units (48 weight columns, 64 bias columns) as 8 ymm accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(int block, ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float h)
    {
        nuint at = (nuint)(block * 48), bias = (nuint)(block * 64), unit = (nuint)(block * 16);
        Vector256<float> r0 = Vector256.LoadUnsafe(ref b, bias), r1 = Vector256.LoadUnsafe(ref b, bias + 8), z0 = Vector256.LoadUnsafe(ref b, bias + 16), z1 = Vector256.LoadUnsafe(ref b, bias + 24);
        Vector256<float> nx0 = Vector256.LoadUnsafe(ref b, bias + 32), nx1 = Vector256.LoadUnsafe(ref b, bias + 40), nh0 = Vector256.LoadUnsafe(ref b, bias + 48), nh1 = Vector256.LoadUnsafe(ref b, bias + 56);
        for (int k = 0; k < Inputs; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref x, k));
            ref float p = ref Unsafe.Add(ref wi, (nuint)(k * Columns) + at);
            r0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 0), r0);
            r1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 8), r1);
            z0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 16), z0);
            z1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 24), z1);
            nx0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 32), nx0);
            nx1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 40), nx1);
        }
        for (int k = 0; k < Units; k++)
        {
            Vector256<float> v = Vector256.Create(Unsafe.Add(ref hp, k));
            ref float p = ref Unsafe.Add(ref wh, (nuint)(k * Columns) + at);
            r0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 0), r0);
            r1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 8), r1);
            z0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 16), z0);
            z1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 24), z1);
            nh0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 32), nh0);
            nh1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref p, 40), nh1);
        }
        Finish(r0, z0, nx0, nh0, ref Unsafe.Add(ref hp, unit), ref Unsafe.Add(ref h, unit));
        Finish(r1, z1, nx1, nh1, ref Unsafe.Add(ref hp, unit + 8), ref Unsafe.Add(ref h, unit + 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<float> r, Vector256<float> z, Vector256<float> nx, Vector256<float> nh, ref float hp, ref float h)
    {
        Vector256<float> n = SimdMath.Tanh(Fma.MultiplyAdd(SimdMath.Sigmoid(r), nh, nx));
        Fma.MultiplyAdd(SimdMath.Sigmoid(z), Vector256.LoadUnsafe(ref hp) - n, n).StoreUnsafe(ref h);
    }

    // Without AVX2: the same layout, one unit at a time.
    private static void StepScalar(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float h)
    {
        for (int j = 0; j < Units; j++)
        {
            int column = j / 16 * 48 + j % 16, bias = j / 16 * 64 + j % 16;
            float r = Unsafe.Add(ref b, bias), z = Unsafe.Add(ref b, bias + 16), nx = Unsafe.Add(ref b, bias + 32), nh = Unsafe.Add(ref b, bias + 48);
            for (int k = 0; k < Inputs; k++)
            {
                float v = Unsafe.Add(ref x, k);
                ref float p = ref Unsafe.Add(ref wi, k * Columns + column);
                r += v * p; z += v * Unsafe.Add(ref p, 16); nx += v * Unsafe.Add(ref p, 32);
            }
            for (int k = 0; k < Units; k++)
            {
                float v = Unsafe.Add(ref hp, k);
                ref float p = ref Unsafe.Add(ref wh, k * Columns + column);
                r += v * p; z += v * Unsafe.Add(ref p, 16); nh += v * Unsafe.Add(ref p, 32);
            }
            float n = SimdMath.Tanh(nx + SimdMath.Sigmoid(r) * nh);
            Unsafe.Add(ref h, j) = n + SimdMath.Sigmoid(z) * (Unsafe.Add(ref hp, j) - n);
        }
    }

    private void Grow(int steps)
    {
        _capacity = steps;
        _hidden = new AlignedFloats(steps * Units);
    }
}
