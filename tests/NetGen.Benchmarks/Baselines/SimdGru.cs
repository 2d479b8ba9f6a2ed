using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// Hand-written SIMD twin of <see cref="GruBench"/>'s forward pass (GRU 8 → 32, gates r, z, n as
/// <c>torch.nn.GRUCell</c>, then a linear dense 32 → 1 on the last step), written as the fastest plain C# I could
/// for this shape: the weights are kept transposed, W_ihᵀ <c>[8, 96]</c> and W_hhᵀ <c>[32, 96]</c> (each input's
/// weights to all 96 gate rows contiguous), 64-byte aligned, so a step is input-stationary: each input value (x_t[k],
/// then h_{t−1}[k]) is broadcast once and multiplied into the gate rows as whole vectors, with no horizontal sum
/// anywhere in the recurrence. With AVX-512 the 96 rows are 6 zmm accumulators per product, 8 in all (r and z
/// take W_ih·x and W_hh·h into the same accumulators, n keeps them apart because r scales W_hn·h + b_hn), started
/// from the biases (b_ih + b_hh summed once at load for r and z). Then r, z, n and h in registers with the vectorised
/// sigmoid/tanh of <see cref="SimdMath"/>. With AVX2 the same in two halves of 16 units (8 ymm accumulators each);
/// otherwise scalar. Like the generated Forward, it runs step 0 through the zero state in full and keeps, per step,
/// the activated gates, W_hn·h + b_hn and h (what a backward pass needs).
/// </summary>
public sealed class SimdGru : IRecurrentSimdForward
{
    private const int Inputs = 8, Units = 32, Rows = 3 * Units;
    // NetGen's layout: W_ih [96, 8], W_hh [96, 32], b_ih [96], b_hh [96], W [1, 32], b [1].
    private const int WeightIh = 0, WeightHh = WeightIh + Rows * Inputs, BiasIh = WeightHh + Rows * Units, BiasHh = BiasIh + Rows;
    private const int OutWeight = BiasHh + Rows, OutBias = OutWeight + Units;
    // Offsets in the bias buffer: r and z (b_ih + b_hh), then b_in, then b_hn.
    private const int ResetUpdateBias = 0, InputCandidateBias = 2 * Units, HiddenCandidateBias = 3 * Units;

    /// <summary>Number of weights and biases.</summary>
    public const int ParameterCount = OutBias + 1;

    private readonly AlignedFloats _inputWeights = new(Inputs * Rows), _hiddenWeights = new(Units * Rows); // transposed: [in, 96], [32, 96]
    private readonly AlignedFloats _biases = new(4 * Units), _outWeight = new(Units), _zeros = new(Units);
    private float _outBias;
    private AlignedFloats _x = new(0), _gates = new(0), _hiddenCandidate = new(0), _hidden = new(0);
    private int _capacity, _steps;

    /// <summary>Copies parameters in NetGen's layout in, transposing the two weight matrices.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        Span<float> wi = _inputWeights.Span, wh = _hiddenWeights.Span, biases = _biases.Span;
        for (int row = 0; row < Rows; row++)
        {
            for (int k = 0; k < Inputs; k++) wi[k * Rows + row] = parameters[WeightIh + row * Inputs + k];
            for (int k = 0; k < Units; k++) wh[k * Rows + row] = parameters[WeightHh + row * Units + k];
        }
        for (int row = 0; row < 2 * Units; row++) biases[ResetUpdateBias + row] = parameters[BiasIh + row] + parameters[BiasHh + row];
        parameters.Slice(BiasIh + 2 * Units, Units).CopyTo(biases.Slice(InputCandidateBias));
        parameters.Slice(BiasHh + 2 * Units, Units).CopyTo(biases.Slice(HiddenCandidateBias));
        parameters.Slice(OutWeight, Units).CopyTo(_outWeight.Span);
        _outBias = parameters[OutBias];
    }

    /// <summary>After Forward: the hidden state of every step, step-major.</summary>
    public ReadOnlySpan<float> HiddenStates => _hidden.Span.Slice(0, _steps * Units);

    /// <summary>Runs the sequence (steps × 8 values) from h = 0; the last step's dense output lands in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // as SimdLstm: a Forward inlined into its caller can keep the accumulators on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length == 0 || input.Length % Inputs != 0) throw new ArgumentException($"Expected a positive multiple of {Inputs} values.", nameof(input));
        if (output.Length != 1) throw new ArgumentException("Expected one output.", nameof(output));
        int steps = input.Length / Inputs;
        EnsureCapacity(steps);
        _steps = steps;
        input.CopyTo(_x.Span);

        ref float wi = ref _inputWeights.Ref, wh = ref _hiddenWeights.Ref, b = ref _biases.Ref;
        ref float x0 = ref _x.Ref, gates0 = ref _gates.Ref, candidate0 = ref _hiddenCandidate.Ref, hidden0 = ref _hidden.Ref;
        for (int t = 0; t < steps; t++)
        {
            ref float x = ref Unsafe.Add(ref x0, t * Inputs);
            ref float hp = ref t > 0 ? ref Unsafe.Add(ref hidden0, (t - 1) * Units) : ref _zeros.Ref;
            ref float gates = ref Unsafe.Add(ref gates0, t * Rows);
            ref float candidate = ref Unsafe.Add(ref candidate0, t * Units), h = ref Unsafe.Add(ref hidden0, t * Units);
            if (Avx512F.IsSupported)
            {
                Step512(ref wi, ref wh, ref b, ref x, ref hp, ref gates, ref candidate, ref h);
            }
            else if (Avx2.IsSupported && Fma.IsSupported)
            {
                Step256(0, ref wi, ref wh, ref b, ref x, ref hp, ref gates, ref candidate, ref h);
                Step256(16, ref wi, ref wh, ref b, ref x, ref hp, ref gates, ref candidate, ref h);
            }
            else
            {
                StepScalar(ref wi, ref wh, ref b, ref x, ref hp, ref gates, ref candidate, ref h);
            }
        }

        // Dense, linear, on the last hidden state.
        output[0] = _outBias + SimdDot.Row<N32>(ref _outWeight.Ref, ref Unsafe.Add(ref hidden0, (steps - 1) * Units));
    }

    // One step with 16-lane vectors: all 32 units at once, two vectors per gate block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float gates, ref float candidate, ref float h)
    {
        Vector512<float> r0 = Vector512.LoadUnsafe(ref b, ResetUpdateBias), r1 = Vector512.LoadUnsafe(ref b, ResetUpdateBias + 16);
        Vector512<float> z0 = Vector512.LoadUnsafe(ref b, ResetUpdateBias + Units), z1 = Vector512.LoadUnsafe(ref b, ResetUpdateBias + Units + 16);
        Vector512<float> xn0 = Vector512.LoadUnsafe(ref b, InputCandidateBias), xn1 = Vector512.LoadUnsafe(ref b, InputCandidateBias + 16);
        Vector512<float> hn0 = Vector512.LoadUnsafe(ref b, HiddenCandidateBias), hn1 = Vector512.LoadUnsafe(ref b, HiddenCandidateBias + 16);
        // W_ih·x: broadcast x[k], multiply it into row k of W_ihᵀ (96 contiguous weights).
        for (int k = 0; k < Inputs; k++)
        {
            Vector512<float> value = Vector512.Create(Unsafe.Add(ref x, k));
            nuint row = (nuint)(k * Rows);
            r0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row), r0);
            r1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row + 16), r1);
            z0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row + 32), z0);
            z1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row + 48), z1);
            xn0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row + 64), xn0);
            xn1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wi, row + 80), xn1);
        }
        // W_hh·h_{t−1} the same way; its n block stays apart.
        for (int k = 0; k < Units; k++)
        {
            Vector512<float> value = Vector512.Create(Unsafe.Add(ref hp, k));
            nuint row = (nuint)(k * Rows);
            r0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row), r0);
            r1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row + 16), r1);
            z0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row + 32), z0);
            z1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row + 48), z1);
            hn0 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row + 64), hn0);
            hn1 = Vector512.FusedMultiplyAdd(value, Vector512.LoadUnsafe(ref wh, row + 80), hn1);
        }
        Finish(SimdMath.Sigmoid(r0), SimdMath.Sigmoid(z0), xn0, hn0, 0, ref hp, ref gates, ref candidate, ref h);
        Finish(SimdMath.Sigmoid(r1), SimdMath.Sigmoid(z1), xn1, hn1, 16, ref hp, ref gates, ref candidate, ref h);
    }

    // n = tanh(gi_n + r·gh_n), h = (1 − z)·n + z·h₋₁ = n + z·(h₋₁ − n) for units j .. j + 15; keeps r, z, n, gh_n and h.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<float> r, Vector512<float> z, Vector512<float> inputN, Vector512<float> hiddenN, int j,
        ref float hp, ref float gates, ref float candidate, ref float h)
    {
        nuint at = (nuint)j;
        Vector512<float> n = SimdMath.Tanh(Vector512.FusedMultiplyAdd(r, hiddenN, inputN));
        r.StoreUnsafe(ref gates, at);
        z.StoreUnsafe(ref gates, Units + at);
        n.StoreUnsafe(ref gates, 2 * Units + at);
        hiddenN.StoreUnsafe(ref candidate, at);
        Vector512.FusedMultiplyAdd(z, Vector512.LoadUnsafe(ref hp, at) - n, n).StoreUnsafe(ref h, at);
    }

    // The same with 8-lane vectors for units half .. half + 15 (two vectors per gate block, 8 ymm accumulators).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(int half, ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float gates, ref float candidate, ref float h)
    {
        nuint j = (nuint)half;
        Vector256<float> r0 = Vector256.LoadUnsafe(ref b, ResetUpdateBias + j), r1 = Vector256.LoadUnsafe(ref b, ResetUpdateBias + j + 8);
        Vector256<float> z0 = Vector256.LoadUnsafe(ref b, ResetUpdateBias + Units + j), z1 = Vector256.LoadUnsafe(ref b, ResetUpdateBias + Units + j + 8);
        Vector256<float> xn0 = Vector256.LoadUnsafe(ref b, InputCandidateBias + j), xn1 = Vector256.LoadUnsafe(ref b, InputCandidateBias + j + 8);
        Vector256<float> hn0 = Vector256.LoadUnsafe(ref b, HiddenCandidateBias + j), hn1 = Vector256.LoadUnsafe(ref b, HiddenCandidateBias + j + 8);
        for (int k = 0; k < Inputs; k++)
        {
            Vector256<float> value = Vector256.Create(Unsafe.Add(ref x, k));
            nuint row = (nuint)(k * Rows) + j;
            r0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row), r0);
            r1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row + 8), r1);
            z0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row + Units), z0);
            z1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row + Units + 8), z1);
            xn0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row + 2 * Units), xn0);
            xn1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wi, row + 2 * Units + 8), xn1);
        }
        for (int k = 0; k < Units; k++)
        {
            Vector256<float> value = Vector256.Create(Unsafe.Add(ref hp, k));
            nuint row = (nuint)(k * Rows) + j;
            r0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row), r0);
            r1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row + 8), r1);
            z0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row + Units), z0);
            z1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row + Units + 8), z1);
            hn0 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row + 2 * Units), hn0);
            hn1 = Vector256.FusedMultiplyAdd(value, Vector256.LoadUnsafe(ref wh, row + 2 * Units + 8), hn1);
        }
        Finish(SimdMath.Sigmoid(r0), SimdMath.Sigmoid(z0), xn0, hn0, half, ref hp, ref gates, ref candidate, ref h);
        Finish(SimdMath.Sigmoid(r1), SimdMath.Sigmoid(z1), xn1, hn1, half + 8, ref hp, ref gates, ref candidate, ref h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<float> r, Vector256<float> z, Vector256<float> inputN, Vector256<float> hiddenN, int j,
        ref float hp, ref float gates, ref float candidate, ref float h)
    {
        nuint at = (nuint)j;
        Vector256<float> n = SimdMath.Tanh(Vector256.FusedMultiplyAdd(r, hiddenN, inputN));
        r.StoreUnsafe(ref gates, at);
        z.StoreUnsafe(ref gates, Units + at);
        n.StoreUnsafe(ref gates, 2 * Units + at);
        hiddenN.StoreUnsafe(ref candidate, at);
        Vector256.FusedMultiplyAdd(z, Vector256.LoadUnsafe(ref hp, at) - n, n).StoreUnsafe(ref h, at);
    }

    // Without AVX2: the same order of work, one unit at a time.
    private static void StepScalar(ref float wi, ref float wh, ref float b, ref float x, ref float hp, ref float gates, ref float candidate, ref float h)
    {
        for (int j = 0; j < Units; j++)
        {
            float r = Unsafe.Add(ref b, ResetUpdateBias + j), z = Unsafe.Add(ref b, ResetUpdateBias + Units + j);
            float inputN = Unsafe.Add(ref b, InputCandidateBias + j), hiddenN = Unsafe.Add(ref b, HiddenCandidateBias + j);
            for (int k = 0; k < Inputs; k++)
            {
                float value = Unsafe.Add(ref x, k);
                r += value * Unsafe.Add(ref wi, k * Rows + j);
                z += value * Unsafe.Add(ref wi, k * Rows + Units + j);
                inputN += value * Unsafe.Add(ref wi, k * Rows + 2 * Units + j);
            }
            for (int k = 0; k < Units; k++)
            {
                float value = Unsafe.Add(ref hp, k);
                r += value * Unsafe.Add(ref wh, k * Rows + j);
                z += value * Unsafe.Add(ref wh, k * Rows + Units + j);
                hiddenN += value * Unsafe.Add(ref wh, k * Rows + 2 * Units + j);
            }
            r = SimdMath.Sigmoid(r);
            z = SimdMath.Sigmoid(z);
            float n = SimdMath.Tanh(inputN + r * hiddenN);
            Unsafe.Add(ref gates, j) = r;
            Unsafe.Add(ref gates, Units + j) = z;
            Unsafe.Add(ref gates, 2 * Units + j) = n;
            Unsafe.Add(ref candidate, j) = hiddenN;
            Unsafe.Add(ref h, j) = n + z * (Unsafe.Add(ref hp, j) - n);
        }
    }

    private void EnsureCapacity(int steps)
    {
        if (steps <= _capacity) return;
        _capacity = steps;
        _x = new AlignedFloats(steps * Inputs);
        _gates = new AlignedFloats(steps * Rows);
        _hiddenCandidate = new AlignedFloats(steps * Units);
        _hidden = new AlignedFloats(steps * Units);
    }
}
