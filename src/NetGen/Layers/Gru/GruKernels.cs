using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// The element-wise part of a GRU step for generated code, as torch.nn.GRU and torch.nn.GRUCell define it (gate
/// order r, z, n): the caller computes the gate products — gi + gh summed over the r and z blocks, gi_n and gh_n
/// apart, because r multiplies gh_n alone — and these kernels do the rest in one pass over the H hidden units.
/// Sizes come from span lengths (constants after inlining).
/// </summary>
public static class GruKernels
{
    /// <summary>
    /// One GRU step after the gate products, in one pass over the hidden units:
    /// r = σ(rz_r), z = σ(rz_z), n = tanh(gi_n + r ⊙ gh_n), h = (1 − z) ⊙ n + z ⊙ h₋₁, where rz = gi + gh over the r and
    /// z blocks (one combined product: r and z only ever see the sum) and gi_n, gh_n stay apart because r scales gh_n alone.
    /// Units H = <paramref name="hidden"/>.Length.
    /// </summary>
    /// <param name="resetUpdate">rz = W_ih·x + b_ih + W_hh·h₋₁ + b_hh over the r and z blocks: at least 2·H values.</param>
    /// <param name="inputCandidate">gi_n = W_in·x + b_in: at least H values.</param>
    /// <param name="hiddenCandidate">gh_n = W_hn·h₋₁ + b_hn: at least H values (the caller keeps it for <see cref="GruCellBackward"/>).</param>
    /// <param name="previousHidden">h₋₁: at least H values.</param>
    /// <param name="gates">Receives the activated gates r, z, n (3·H values), which <see cref="GruCellBackward"/> reads.</param>
    /// <param name="hidden">Receives h (H values). It must not overlap any other span.</param>
    /// <exception cref="ArgumentException">A span is shorter than the hidden state says.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GruCell(ReadOnlySpan<float> resetUpdate, ReadOnlySpan<float> inputCandidate, ReadOnlySpan<float> hiddenCandidate, ReadOnlySpan<float> previousHidden,
        Span<float> gates, Span<float> hidden)
    {
        int units = hidden.Length;
        long gateValues = 3L * units;
        if (resetUpdate.Length < 2L * units) ThrowShape(nameof(resetUpdate), resetUpdate.Length, 2L * units, "r and z for each hidden unit");
        if (inputCandidate.Length < units) ThrowShape(nameof(inputCandidate), inputCandidate.Length, units, Units);
        if (hiddenCandidate.Length < units) ThrowShape(nameof(hiddenCandidate), hiddenCandidate.Length, units, Units);
        if (previousHidden.Length < units) ThrowShape(nameof(previousHidden), previousHidden.Length, units, Units);
        if (gates.Length < gateValues) ThrowShape(nameof(gates), gates.Length, gateValues, Gates);
        ref float rz = ref MemoryMarshal.GetReference(resetUpdate), gin = ref MemoryMarshal.GetReference(inputCandidate);
        ref float ghn = ref MemoryMarshal.GetReference(hiddenCandidate), hp = ref MemoryMarshal.GetReference(previousHidden);
        ref float gate = ref MemoryMarshal.GetReference(gates), h = ref MemoryMarshal.GetReference(hidden);
        int j = Cell<Width512, Vector512<float>>(0, units, Avx512F.IsSupported, ref rz, ref gin, ref ghn, ref hp, ref gate, ref h);
        j = Cell<Width256, Vector256<float>>(j, units, Vector256.IsHardwareAccelerated, ref rz, ref gin, ref ghn, ref hp, ref gate, ref h);
        j = Cell<Width128, Vector128<float>>(j, units, Vector128.IsHardwareAccelerated, ref rz, ref gin, ref ghn, ref hp, ref gate, ref h);
        Cell<Width1, float>(j, units, true, ref rz, ref gin, ref ghn, ref hp, ref gate, ref h);
    }

    /// <summary>
    /// <see cref="GruCell"/> over units [<paramref name="start"/>, …) in whole vectors of <typeparamref name="TWidth"/>
    /// while <paramref name="enabled"/>; returns the first unit left. One body for every width and the scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Cell<TWidth, TVector>(int start, int units, bool enabled, ref float rz, ref float gin, ref float ghn, ref float hp, ref float gate, ref float h)
        where TWidth : IVectorWidth<TVector>
    {
        if (!enabled) return start;
        nuint z0 = (nuint)units, n0 = 2 * z0;
        int j = start;
        for (; j + TWidth.Count <= units; j += TWidth.Count)
        {
            nuint at = (nuint)j;
            TVector r = TWidth.Sigmoid(TWidth.Load(ref rz, at)), z = TWidth.Sigmoid(TWidth.Load(ref rz, z0 + at));
            TVector n = TWidth.Tanh(TWidth.MultiplyAdd(r, TWidth.Load(ref ghn, at), TWidth.Load(ref gin, at)));
            TWidth.Store(r, ref gate, at);
            TWidth.Store(z, ref gate, z0 + at);
            TWidth.Store(n, ref gate, n0 + at);
            TWidth.Store(TWidth.MultiplyAdd(z, TWidth.Subtract(TWidth.Load(ref hp, at), n), n), ref h, at); // (1 − z)·n + z·h₋₁
        }
        return j;
    }

    /// <summary>
    /// The gradients of one GRU step, in one pass over the hidden units, from what <see cref="GruCell"/> kept
    /// (r, z, n and gh_n) and dh = ∂L/∂h (the step's total: from the layers above and from the next step):
    /// <list type="bullet">
    /// <item><description>dn = dh ⊙ (1 − z), dz = dh ⊙ (h₋₁ − n);</description></item>
    /// <item><description>dn̂ = dn ⊙ (1 − n²) (through the tanh), dr = dn̂ ⊙ gh_n;</description></item>
    /// <item><description>dr̂ = dr ⊙ r(1 − r), dẑ = dz ⊙ z(1 − z) (through the sigmoids);</description></item>
    /// <item><description>d(gi) = [dr̂, dẑ, dn̂], d(gh) = [dr̂, dẑ, dn̂ ⊙ r];</description></item>
    /// <item><description>dh₋₁ (direct part) = dh ⊙ z.</description></item>
    /// </list>
    /// The caller completes ∂L/∂h₋₁ by adding W_hhᵀ·d(gh), and forms the weight gradients d(gi)·xᵀ, d(gh)·h₋₁ᵀ
    /// and the bias gradients d(gi), d(gh). Units H = <paramref name="previousHiddenGradient"/>.Length.
    /// </summary>
    /// <param name="gates">The activated gates r, z, n from <see cref="GruCell"/>: at least 3·H values.</param>
    /// <param name="hiddenCandidate">gh_n from <see cref="GruCell"/>: at least H values.</param>
    /// <param name="previousHidden">h₋₁: at least H values.</param>
    /// <param name="hiddenGradient">dh = ∂L/∂h: at least H values.</param>
    /// <param name="inputGateGradient">Receives d(gi) = ∂L/∂(W_ih·x + b_ih) (3·H values, blocks r, z, n).</param>
    /// <param name="hiddenGateGradient">Receives d(gh) = ∂L/∂(W_hh·h₋₁ + b_hh) (3·H values, blocks r, z, n).</param>
    /// <param name="previousHiddenGradient">Receives the direct part of ∂L/∂h₋₁, dh ⊙ z (H values).</param>
    /// <remarks>No output span may overlap an input span or another output span.</remarks>
    /// <exception cref="ArgumentException">A span is shorter than the hidden state says.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GruCellBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> hiddenCandidate, ReadOnlySpan<float> previousHidden,
        ReadOnlySpan<float> hiddenGradient, Span<float> inputGateGradient, Span<float> hiddenGateGradient, Span<float> previousHiddenGradient)
    {
        int units = previousHiddenGradient.Length;
        long gateValues = 3L * units;
        if (gates.Length < gateValues) ThrowShape(nameof(gates), gates.Length, gateValues, Gates);
        if (inputGateGradient.Length < gateValues) ThrowShape(nameof(inputGateGradient), inputGateGradient.Length, gateValues, Gates);
        if (hiddenGateGradient.Length < gateValues) ThrowShape(nameof(hiddenGateGradient), hiddenGateGradient.Length, gateValues, Gates);
        if (hiddenCandidate.Length < units) ThrowShape(nameof(hiddenCandidate), hiddenCandidate.Length, units, Units);
        if (previousHidden.Length < units) ThrowShape(nameof(previousHidden), previousHidden.Length, units, Units);
        if (hiddenGradient.Length < units) ThrowShape(nameof(hiddenGradient), hiddenGradient.Length, units, Units);
        ref float gate = ref MemoryMarshal.GetReference(gates), ghn = ref MemoryMarshal.GetReference(hiddenCandidate);
        ref float hp = ref MemoryMarshal.GetReference(previousHidden), dh = ref MemoryMarshal.GetReference(hiddenGradient);
        ref float dgi = ref MemoryMarshal.GetReference(inputGateGradient), dgh = ref MemoryMarshal.GetReference(hiddenGateGradient);
        ref float dhp = ref MemoryMarshal.GetReference(previousHiddenGradient);
        int j = CellBackward<Width512, Vector512<float>>(0, units, Avx512F.IsSupported, ref gate, ref ghn, ref hp, ref dh, ref dgi, ref dgh, ref dhp);
        j = CellBackward<Width256, Vector256<float>>(j, units, Vector256.IsHardwareAccelerated, ref gate, ref ghn, ref hp, ref dh, ref dgi, ref dgh, ref dhp);
        j = CellBackward<Width128, Vector128<float>>(j, units, Vector128.IsHardwareAccelerated, ref gate, ref ghn, ref hp, ref dh, ref dgi, ref dgh, ref dhp);
        CellBackward<Width1, float>(j, units, true, ref gate, ref ghn, ref hp, ref dh, ref dgi, ref dgh, ref dhp);
    }

    /// <summary><see cref="GruCellBackward"/> over units [<paramref name="start"/>, …) in whole vectors of <typeparamref name="TWidth"/>; returns the first unit left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CellBackward<TWidth, TVector>(int start, int units, bool enabled, ref float gate, ref float ghn, ref float hp, ref float dh, ref float dgi, ref float dgh, ref float dhp)
        where TWidth : IVectorWidth<TVector>
    {
        if (!enabled) return start;
        // Below, dr, dz and dn are the gradients of the gates' pre-activations (dr̂, dẑ, dn̂ above); d is dh.
        nuint z0 = (nuint)units, n0 = 2 * z0;
        int j = start;
        for (; j + TWidth.Count <= units; j += TWidth.Count)
        {
            nuint at = (nuint)j;
            TVector r = TWidth.Load(ref gate, at), z = TWidth.Load(ref gate, z0 + at), n = TWidth.Load(ref gate, n0 + at);
            TVector d = TWidth.Load(ref dh, at), dz0 = TWidth.Multiply(d, z);
            TVector dn = TWidth.Multiply(TWidth.TanhDerivative(n), TWidth.Subtract(d, dz0));
            TVector dr = TWidth.Multiply(TWidth.Multiply(TWidth.SigmoidDerivative(r), dn), TWidth.Load(ref ghn, at));
            TVector dz = TWidth.Multiply(TWidth.Multiply(TWidth.SigmoidDerivative(z), d), TWidth.Subtract(TWidth.Load(ref hp, at), n));
            TWidth.Store(dr, ref dgi, at);
            TWidth.Store(dz, ref dgi, z0 + at);
            TWidth.Store(dn, ref dgi, n0 + at);
            TWidth.Store(dr, ref dgh, at);
            TWidth.Store(dz, ref dgh, z0 + at);
            TWidth.Store(TWidth.Multiply(dn, r), ref dgh, n0 + at);
            TWidth.Store(dz0, ref dhp, at);
        }
        return j;
    }

    private const string Gates = "r, z and n for each hidden unit", Units = "one per hidden unit";

    /// <summary>Out of line, so that the kernels stay small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(string parameter, int actual, long expected, string what)
        => throw new ArgumentException($"The spans do not fit one GRU step: {parameter} holds {Counted.Values(actual)}, expected at least {expected} ({what}).", parameter);
}
