using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// Hand-written SIMD twin of <see cref="LstmBench"/>'s forward pass (LSTM 8 → 32, gates i, f, g, o as
/// <c>torch.nn.LSTMCell</c>, then a linear dense 32 → 1 on the last step), on NetGen's parameter layout
/// (W_ih [128, 8], W_hh [128, 32], b_ih, b_hh, W [1, 32], b), 64-byte aligned. Each step makes one pass over
/// the hidden units in blocks of 16 (AVX-512; 8 with AVX2, or scalar): for a block it computes all four
/// gates' pre-activations (16 rows of W_ih·x_t and W_hh·h_{t−1} each, in <see cref="SimdDot.Rows16"/>'s
/// 16 accumulators), adds both biases, activates them with the vectorised sigmoid/tanh of <see cref="SimdMath"/>,
/// and updates c and h, all in registers. Like the generated Forward, it runs step 0 through the zero
/// state in full and keeps, per step, the activated gates, c, tanh(c) and h (what a backward pass needs).
/// </summary>
public sealed class SimdLstm : IRecurrentSimdForward
{
    private const int Inputs = 8, Units = 32, Rows = 4 * Units;
    private const int WeightIh = 0, WeightHh = 1024, BiasIh = 5120, BiasHh = 5248, OutWeight = 5376, OutBias = 5408;

    /// <summary>Number of weights and biases.</summary>
    public const int ParameterCount = 5409;

    private readonly AlignedFloats _parameters = new(ParameterCount), _zeros = new(Units);
    private AlignedFloats _x = new(0), _gates = new(0), _cell = new(0), _tanhCell = new(0), _hidden = new(0);
    private int _capacity, _steps;

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters) => parameters.CopyTo(_parameters.Span);

    /// <summary>After Forward: the hidden state of every step, step-major.</summary>
    public ReadOnlySpan<float> HiddenStates => _hidden.Span.Slice(0, _steps * Units);

    /// <summary>Runs the sequence (steps × 8 values) from h = c = 0; the last step's dense output lands in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the kernels' accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length == 0 || input.Length % Inputs != 0) throw new ArgumentException($"Expected a positive multiple of {Inputs} values.", nameof(input));
        if (output.Length != 1) throw new ArgumentException("Expected one output.", nameof(output));
        int steps = input.Length / Inputs;
        EnsureCapacity(steps);
        _steps = steps;
        input.CopyTo(_x.Span);

        ref float p = ref _parameters.Ref;
        ref float wi = ref Unsafe.Add(ref p, WeightIh), wh = ref Unsafe.Add(ref p, WeightHh);
        ref float bi = ref Unsafe.Add(ref p, BiasIh), bh = ref Unsafe.Add(ref p, BiasHh);
        ref float x0 = ref _x.Ref, gates0 = ref _gates.Ref, cell0 = ref _cell.Ref, tanhCell0 = ref _tanhCell.Ref, hidden0 = ref _hidden.Ref;
        for (int t = 0; t < steps; t++)
        {
            ref float x = ref Unsafe.Add(ref x0, t * Inputs);
            ref float hp = ref t > 0 ? ref Unsafe.Add(ref hidden0, (t - 1) * Units) : ref _zeros.Ref;
            ref float cp = ref t > 0 ? ref Unsafe.Add(ref cell0, (t - 1) * Units) : ref _zeros.Ref;
            ref float gates = ref Unsafe.Add(ref gates0, t * Rows);
            ref float c = ref Unsafe.Add(ref cell0, t * Units), tc = ref Unsafe.Add(ref tanhCell0, t * Units), h = ref Unsafe.Add(ref hidden0, t * Units);
            int j = 0;
            if (Avx512F.IsSupported)
            {
                for (; j + 16 <= Units; j += 16)
                {
                    Vector512<float> i = SimdMath.Sigmoid(Gates16(0, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                    Vector512<float> f = SimdMath.Sigmoid(Gates16(1, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                    Vector512<float> g = SimdMath.Tanh(Gates16(2, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                    Vector512<float> o = SimdMath.Sigmoid(Gates16(3, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                    i.StoreUnsafe(ref gates, (nuint)j);
                    f.StoreUnsafe(ref gates, (nuint)(Units + j));
                    g.StoreUnsafe(ref gates, (nuint)(2 * Units + j));
                    o.StoreUnsafe(ref gates, (nuint)(3 * Units + j));
                    Vector512<float> cNew = Avx512F.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref cp, (nuint)j), i * g);
                    Vector512<float> tanhC = SimdMath.Tanh(cNew);
                    cNew.StoreUnsafe(ref c, (nuint)j);
                    tanhC.StoreUnsafe(ref tc, (nuint)j);
                    (o * tanhC).StoreUnsafe(ref h, (nuint)j);
                }
            }
            for (; j + 8 <= Units; j += 8)
            {
                Vector256<float> i = SimdMath.Sigmoid(Gates8(0, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                Vector256<float> f = SimdMath.Sigmoid(Gates8(1, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                Vector256<float> g = SimdMath.Tanh(Gates8(2, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                Vector256<float> o = SimdMath.Sigmoid(Gates8(3, j, ref wi, ref wh, ref bi, ref bh, ref x, ref hp));
                i.StoreUnsafe(ref gates, (nuint)j);
                f.StoreUnsafe(ref gates, (nuint)(Units + j));
                g.StoreUnsafe(ref gates, (nuint)(2 * Units + j));
                o.StoreUnsafe(ref gates, (nuint)(3 * Units + j));
                Vector256<float> cNew = Vector256.FusedMultiplyAdd(f, Vector256.LoadUnsafe(ref cp, (nuint)j), i * g);
                Vector256<float> tanhC = SimdMath.Tanh(cNew);
                cNew.StoreUnsafe(ref c, (nuint)j);
                tanhC.StoreUnsafe(ref tc, (nuint)j);
                (o * tanhC).StoreUnsafe(ref h, (nuint)j);
            }
        }

        // Dense, linear, on the last hidden state.
        ref float last = ref Unsafe.Add(ref hidden0, (steps - 1) * Units);
        output[0] = Unsafe.Add(ref p, OutBias) + SimdDot.Row<N32>(ref Unsafe.Add(ref p, OutWeight), ref last);
    }

    // Pre-activations of gate `gate` (0 i, 1 f, 2 g, 3 o) for units j .. j + 15: W_ih·x + W_hh·h + b_ih + b_hh.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Gates16(int gate, int j, ref float wi, ref float wh, ref float bi, ref float bh, ref float x, ref float hp)
    {
        int row = gate * Units + j;
        return SimdDot.Rows16<N8, N32>(ref Unsafe.Add(ref wi, row * Inputs), ref x, ref Unsafe.Add(ref wh, row * Units), ref hp)
            + Vector512.LoadUnsafe(ref bi, (nuint)row) + Vector512.LoadUnsafe(ref bh, (nuint)row);
    }

    // The same for units j .. j + 7.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Gates8(int gate, int j, ref float wi, ref float wh, ref float bi, ref float bh, ref float x, ref float hp)
    {
        int row = gate * Units + j;
        return SimdDot.Rows8<N8, N32>(ref Unsafe.Add(ref wi, row * Inputs), ref x, ref Unsafe.Add(ref wh, row * Units), ref hp)
            + Vector256.LoadUnsafe(ref bi, (nuint)row) + Vector256.LoadUnsafe(ref bh, (nuint)row);
    }

    private void EnsureCapacity(int steps)
    {
        if (steps <= _capacity) return;
        _capacity = steps;
        _x = new AlignedFloats(steps * Inputs);
        _gates = new AlignedFloats(steps * Rows);
        _cell = new AlignedFloats(steps * Units);
        _tanhCell = new AlignedFloats(steps * Units);
        _hidden = new AlignedFloats(steps * Units);
    }
}
