using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// W5's strongest hand-written forward for inference (LSTM 8 → 32, gates i, f, g, o as <c>torch.nn.LSTMCell</c>, then a
/// linear dense 32 → 1 on the last step), input-stationary as <see cref="SimdGru"/>: W_ihᵀ <c>[8, 128]</c> and
/// W_hhᵀ <c>[32, 128]</c>, packed once, 64-byte aligned, with the gates interleaved by blocks of 16 units (columns
/// i₀…₁₅ f₀…₁₅ g₀…₁₅ o₀…₁₅ i₁₆…₃₁ f₁₆…₃₁ g₁₆…₃₁ o₁₆…₃₁, so each half of the units is 64 contiguous floats), b_ih + b_hh
/// summed once. A step broadcasts each x_t[k] and h_{t−1}[k] once against its 128 contiguous gate weights: with
/// AVX-512, 8 zmm accumulators for x and the even h values, 8 more for the odd ones (a dependent chain of 24 FMAs
/// instead of 40), no horizontal sum. The i, f and o weights and biases are stored halved (exact in float), so all
/// four gates come out of one tanh per vector: σ(z) = ½ + ½·tanh(z/2). Then c and h in registers; only h is kept per
/// step (the next step broadcasts it from memory), c in a 32-float buffer between steps. With AVX2 the same in two
/// halves of 16 units (8 ymm each), otherwise scalar. Like the other sides, a sequence starts from h = c = 0 and
/// step 0 runs W_hh·0 in full. 0 B per call.
/// </summary>
public sealed class BroadcastLstm : IRecurrentSimdForward
{
    private const int Inputs = 8, Units = 32, Columns = 4 * Units;
    private const int WeightIh = 0, WeightHh = WeightIh + Columns * Inputs, BiasIh = WeightHh + Columns * Units, BiasHh = BiasIh + Columns;
    private const int OutWeight = BiasHh + Columns, OutBias = OutWeight + Units;

    /// <summary>Number of weights and biases (NetGen's layout).</summary>
    public const int ParameterCount = OutBias + 1;

    private readonly AlignedFloats _inputWeights = new(Inputs * Columns), _hiddenWeights = new(Units * Columns), _bias = new(Columns);
    private readonly AlignedFloats _outWeight = new(Units), _cell = new(Units), _zeros = new(Units);
    private float _outBias;
    private AlignedFloats _hidden = new(0);
    private int _capacity, _steps;

    /// <summary>Column of gate <paramref name="gate"/> (0 i, 1 f, 2 g, 3 o) of unit <paramref name="unit"/> in the interleaved layout.</summary>
    private static int Column(int gate, int unit) => unit / 16 * 64 + gate * 16 + unit % 16;

    /// <summary>Packs parameters in NetGen's layout: transposed, gate-interleaved, σ gates halved, biases summed.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        Span<float> wi = _inputWeights.Span, wh = _hiddenWeights.Span, bias = _bias.Span;
        for (int row = 0; row < Columns; row++)
        {
            int gate = row / Units, column = Column(gate, row % Units);
            float scale = gate == 2 ? 1f : 0.5f;
            for (int k = 0; k < Inputs; k++) wi[k * Columns + column] = scale * parameters[WeightIh + row * Inputs + k];
            for (int k = 0; k < Units; k++) wh[k * Columns + column] = scale * parameters[WeightHh + row * Units + k];
            bias[column] = scale * (parameters[BiasIh + row] + parameters[BiasHh + row]);
        }
        parameters.Slice(OutWeight, Units).CopyTo(_outWeight.Span);
        _outBias = parameters[OutBias];
    }

    /// <summary>After Forward: the hidden state of every step, step-major.</summary>
    public ReadOnlySpan<float> HiddenStates => _hidden.Span.Slice(0, _steps * Units);

    /// <summary>Runs the sequence (steps × 8 values) from h = c = 0; the last step's dense output lands in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length == 0 || input.Length % Inputs != 0) throw new ArgumentException($"Expected a positive multiple of {Inputs} values.", nameof(input));
        if (output.Length != 1) throw new ArgumentException("Expected one output.", nameof(output));
        int steps = input.Length / Inputs;
        if (steps > _capacity) Grow(steps);
        _steps = steps;
        _cell.Span.Clear();
        ref float wi = ref _inputWeights.Ref, wh = ref _hiddenWeights.Ref, b = ref _bias.Ref, c = ref _cell.Ref;
        ref float x0 = ref MemoryMarshal.GetReference(input), hidden0 = ref _hidden.Ref;
        for (int t = 0; t < steps; t++)
        {
            ref float x = ref Unsafe.Add(ref x0, t * Inputs);
            ref float hp = ref t > 0 ? ref Unsafe.Add(ref hidden0, (t - 1) * Units) : ref _zeros.Ref;
            ref float h = ref Unsafe.Add(ref hidden0, t * Units);
            if (Avx512F.IsSupported) Step512(ref wi, ref wh, ref b, ref x, ref hp, ref c, ref h);
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                Step256(0, ref wi, ref wh, ref b, ref x, ref hp, ref c, ref h);
                Step256(16, ref wi, ref wh, ref b, ref x, ref hp, ref c, ref h);
            }
            else StepScalar(ref wi, ref wh, ref b, ref x, ref hp, ref c, ref h);
        }
        ref float last = ref Unsafe.Add(ref hidden0, (steps - 1) * Units);
        if (Avx512F.IsSupported)
            output[0] = _outBias + Vector512.Sum(Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref _outWeight.Ref, 16), Vector512.LoadUnsafe(ref last, 16),
                Vector512.LoadUnsafe(ref _outWeight.Ref) * Vector512.LoadUnsafe(ref last)));
        else output[0] = _outBias + SimdDot.Row<N32>(ref _outWeight.Ref, ref last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float c, ref float h)
    {
        // a: bias + W_ih·x + even h; e: odd h. Order in a row: i0 f0 g0 o0 (units 0–15), i1 f1 g1 o1 (16–31).
        Vector512<float> i0 = Vector512.LoadUnsafe(ref b, 0), f0 = Vector512.LoadUnsafe(ref b, 16), g0 = Vector512.LoadUnsafe(ref b, 32), o0 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> i1 = Vector512.LoadUnsafe(ref b, 64), f1 = Vector512.LoadUnsafe(ref b, 80), g1 = Vector512.LoadUnsafe(ref b, 96), o1 = Vector512.LoadUnsafe(ref b, 112);
        Vector512<float> ei0 = default, ef0 = default, eg0 = default, eo0 = default, ei1 = default, ef1 = default, eg1 = default, eo1 = default;
        for (int k = 0; k < Inputs; k++)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref x, k));
            ref float r = ref Unsafe.Add(ref wi, k * Columns);
            i0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), i0);
            f0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), f0);
            g0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), g0);
            o0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), o0);
            i1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), i1);
            f1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), f1);
            g1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 96), g1);
            o1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 112), o1);
        }
        for (int k = 0; k < Units; k += 2)
        {
            Vector512<float> v = Vector512.Create(Unsafe.Add(ref hp, k)), u = Vector512.Create(Unsafe.Add(ref hp, k + 1));
            ref float r = ref Unsafe.Add(ref wh, k * Columns);
            ref float s = ref Unsafe.Add(ref r, Columns);
            i0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 0), i0);
            f0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 16), f0);
            g0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 32), g0);
            o0 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 48), o0);
            i1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 64), i1);
            f1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 80), f1);
            g1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 96), g1);
            o1 = Avx512F.FusedMultiplyAdd(v, Vector512.LoadUnsafe(ref r, 112), o1);
            ei0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 0), ei0);
            ef0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 16), ef0);
            eg0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 32), eg0);
            eo0 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 48), eo0);
            ei1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 64), ei1);
            ef1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 80), ef1);
            eg1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 96), eg1);
            eo1 = Avx512F.FusedMultiplyAdd(u, Vector512.LoadUnsafe(ref s, 112), eo1);
        }
        Finish(i0 + ei0, f0 + ef0, g0 + eg0, o0 + eo0, 0, ref c, ref h);
        Finish(i1 + ei1, f1 + ef1, g1 + eg1, o1 + eo1, 16, ref c, ref h);
    }

    // i, f, o arrive halved: σ(z) = ½ + ½·tanh(z/2). c = f·c + i·g, h = o·tanh(c) for units j .. j + 15.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<float> i, Vector512<float> f, Vector512<float> g, Vector512<float> o, int j, ref float c, ref float h)
    {
        Vector512<float> half = Vector512.Create(0.5f);
        i = Avx512F.FusedMultiplyAdd(SimdMath.Tanh(i), half, half);
        f = Avx512F.FusedMultiplyAdd(SimdMath.Tanh(f), half, half);
        o = Avx512F.FusedMultiplyAdd(SimdMath.Tanh(o), half, half);
        g = SimdMath.Tanh(g);
        Vector512<float> cNew = Avx512F.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref c, (nuint)j), i * g);
        cNew.StoreUnsafe(ref c, (nuint)j);
        (o * SimdMath.Tanh(cNew)).StoreUnsafe(ref h, (nuint)j);
    }

    // AVX2: units half .. half + 15, whose 64 gate columns are contiguous: 8 ymm accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(int half, ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float c, ref float h)
    {
        nuint at = (nuint)(half * 4);
        Vector256<float> i0 = Vector256.LoadUnsafe(ref b, at), i1 = Vector256.LoadUnsafe(ref b, at + 8), f0 = Vector256.LoadUnsafe(ref b, at + 16), f1 = Vector256.LoadUnsafe(ref b, at + 24);
        Vector256<float> g0 = Vector256.LoadUnsafe(ref b, at + 32), g1 = Vector256.LoadUnsafe(ref b, at + 40), o0 = Vector256.LoadUnsafe(ref b, at + 48), o1 = Vector256.LoadUnsafe(ref b, at + 56);
        for (int k = 0; k < Inputs + Units; k++)
        {
            Vector256<float> v = Vector256.Create(k < Inputs ? Unsafe.Add(ref x, k) : Unsafe.Add(ref hp, k - Inputs));
            ref float r = ref k < Inputs ? ref Unsafe.Add(ref wi, (nuint)(k * Columns) + at) : ref Unsafe.Add(ref wh, (nuint)((k - Inputs) * Columns) + at);
            i0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 0), i0);
            i1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 8), i1);
            f0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 16), f0);
            f1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 24), f1);
            g0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 32), g0);
            g1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 40), g1);
            o0 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 48), o0);
            o1 = Fma.MultiplyAdd(v, Vector256.LoadUnsafe(ref r, 56), o1);
        }
        Finish(i0, f0, g0, o0, half, ref c, ref h);
        Finish(i1, f1, g1, o1, half + 8, ref c, ref h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<float> i, Vector256<float> f, Vector256<float> g, Vector256<float> o, int j, ref float c, ref float h)
    {
        Vector256<float> half = Vector256.Create(0.5f);
        i = Fma.MultiplyAdd(SimdMath.Tanh(i), half, half);
        f = Fma.MultiplyAdd(SimdMath.Tanh(f), half, half);
        o = Fma.MultiplyAdd(SimdMath.Tanh(o), half, half);
        g = SimdMath.Tanh(g);
        Vector256<float> cNew = Fma.MultiplyAdd(f, Vector256.LoadUnsafe(ref c, (nuint)j), i * g);
        cNew.StoreUnsafe(ref c, (nuint)j);
        (o * SimdMath.Tanh(cNew)).StoreUnsafe(ref h, (nuint)j);
    }

    // Without AVX2: the same layout, one unit at a time.
    private static void StepScalar(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float c, ref float h)
    {
        for (int j = 0; j < Units; j++)
        {
            float i = 0.5f + 0.5f * SimdMath.Tanh(ScalarGate(0, j, ref wi, ref wh, ref b, ref x, ref hp));
            float f = 0.5f + 0.5f * SimdMath.Tanh(ScalarGate(1, j, ref wi, ref wh, ref b, ref x, ref hp));
            float g = SimdMath.Tanh(ScalarGate(2, j, ref wi, ref wh, ref b, ref x, ref hp));
            float o = 0.5f + 0.5f * SimdMath.Tanh(ScalarGate(3, j, ref wi, ref wh, ref b, ref x, ref hp));
            float cNew = f * Unsafe.Add(ref c, j) + i * g;
            Unsafe.Add(ref c, j) = cNew;
            Unsafe.Add(ref h, j) = o * SimdMath.Tanh(cNew);
        }
    }

    private static float ScalarGate(int gate, int j, ref float wi, ref float wh, ref float b, ref float x, ref float hp)
    {
        int column = Column(gate, j);
        float sum = Unsafe.Add(ref b, column);
        for (int k = 0; k < Inputs; k++) sum += Unsafe.Add(ref x, k) * Unsafe.Add(ref wi, k * Columns + column);
        for (int k = 0; k < Units; k++) sum += Unsafe.Add(ref hp, k) * Unsafe.Add(ref wh, k * Columns + column);
        return sum;
    }

    private void Grow(int steps)
    {
        _capacity = steps;
        _hidden = new AlignedFloats(steps * Units);
    }
}
