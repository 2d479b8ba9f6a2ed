using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Activations;

namespace NetGen.Numerics;

/// <summary>
/// The element-wise part of a GRU step for generated code, as torch.nn.GRU and torch.nn.GRUCell define it (gate
/// order r, z, n): the caller computes the gate products gi = W_ih·x + b_ih and gh = W_hh·h₋₁ + b_hh (3·H values
/// each, blocks r, z, n; they stay separate because r multiplies gh_n alone), these kernels do the rest in one pass
/// over the H hidden units. Sizes come from span lengths (constants after inlining).
/// </summary>
public static class GruKernels
{
    /// <summary>
    /// One GRU step after the gate products, in one pass over the hidden units:
    /// r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h = (1 − z) ⊙ n + z ⊙ h₋₁.
    /// Units H = <paramref name="hidden"/>.Length.
    /// </summary>
    /// <param name="inputGates">gi = W_ih·x + b_ih: at least 3·H values, blocks r, z, n.</param>
    /// <param name="hiddenGates">gh = W_hh·h₋₁ + b_hh: at least 3·H values, blocks r, z, n.</param>
    /// <param name="previousHidden">h₋₁: at least H values.</param>
    /// <param name="gates">Receives the activated gates r, z, n (3·H values), which <see cref="GruCellBackward"/> reads.</param>
    /// <param name="hiddenCandidate">Receives gh_n (H values), the hidden part of n's pre-activation, which <see cref="GruCellBackward"/> reads.</param>
    /// <param name="hidden">Receives h (H values). It must not overlap any other span.</param>
    /// <exception cref="ArgumentException">A span is shorter than the hidden state says.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GruCell(ReadOnlySpan<float> inputGates, ReadOnlySpan<float> hiddenGates, ReadOnlySpan<float> previousHidden,
        Span<float> gates, Span<float> hiddenCandidate, Span<float> hidden)
    {
        int units = hidden.Length;
        long gateValues = 3L * units;
        if (inputGates.Length < gateValues) ThrowShape(nameof(inputGates), inputGates.Length, gateValues, Gates);
        if (hiddenGates.Length < gateValues) ThrowShape(nameof(hiddenGates), hiddenGates.Length, gateValues, Gates);
        if (gates.Length < gateValues) ThrowShape(nameof(gates), gates.Length, gateValues, Gates);
        if (previousHidden.Length < units) ThrowShape(nameof(previousHidden), previousHidden.Length, units, Units);
        if (hiddenCandidate.Length < units) ThrowShape(nameof(hiddenCandidate), hiddenCandidate.Length, units, Units);
        ref float gi = ref MemoryMarshal.GetReference(inputGates), gh = ref MemoryMarshal.GetReference(hiddenGates);
        ref float hp = ref MemoryMarshal.GetReference(previousHidden), gate = ref MemoryMarshal.GetReference(gates);
        ref float ghn = ref MemoryMarshal.GetReference(hiddenCandidate), h = ref MemoryMarshal.GetReference(hidden);
        nuint z0 = (nuint)units, n0 = 2 * z0;
        int j = 0;
        if (Avx512F.IsSupported)
            for (; j + 16 <= units; j += 16)
            {
                nuint at = (nuint)j;
                Vector512<float> r = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref gi, at) + Vector512.LoadUnsafe(ref gh, at));
                Vector512<float> z = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref gi, z0 + at) + Vector512.LoadUnsafe(ref gh, z0 + at));
                Vector512<float> candidate = Vector512.LoadUnsafe(ref gh, n0 + at);
                Vector512<float> n = VectorMath.Tanh(Vector512.FusedMultiplyAdd(r, candidate, Vector512.LoadUnsafe(ref gi, n0 + at)));
                r.StoreUnsafe(ref gate, at);
                z.StoreUnsafe(ref gate, z0 + at);
                n.StoreUnsafe(ref gate, n0 + at);
                candidate.StoreUnsafe(ref ghn, at);
                Vector512.FusedMultiplyAdd(z, Vector512.LoadUnsafe(ref hp, at) - n, n).StoreUnsafe(ref h, at); // (1 − z)·n + z·h₋₁
            }
        else if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= units; j += 8)
            {
                nuint at = (nuint)j;
                Vector256<float> r = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref gi, at) + Vector256.LoadUnsafe(ref gh, at));
                Vector256<float> z = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref gi, z0 + at) + Vector256.LoadUnsafe(ref gh, z0 + at));
                Vector256<float> candidate = Vector256.LoadUnsafe(ref gh, n0 + at);
                Vector256<float> n = VectorMath.Tanh(Vector256.FusedMultiplyAdd(r, candidate, Vector256.LoadUnsafe(ref gi, n0 + at)));
                r.StoreUnsafe(ref gate, at);
                z.StoreUnsafe(ref gate, z0 + at);
                n.StoreUnsafe(ref gate, n0 + at);
                candidate.StoreUnsafe(ref ghn, at);
                Vector256.FusedMultiplyAdd(z, Vector256.LoadUnsafe(ref hp, at) - n, n).StoreUnsafe(ref h, at);
            }
        for (; j < units; j++)
        {
            float r = Sigmoid.Apply(Unsafe.Add(ref gi, j) + Unsafe.Add(ref gh, j));
            float z = Sigmoid.Apply(Unsafe.Add(ref gi, units + j) + Unsafe.Add(ref gh, units + j));
            float candidate = Unsafe.Add(ref gh, 2 * units + j);
            float n = Tanh.Apply(Unsafe.Add(ref gi, 2 * units + j) + r * candidate);
            Unsafe.Add(ref gate, j) = r;
            Unsafe.Add(ref gate, units + j) = z;
            Unsafe.Add(ref gate, 2 * units + j) = n;
            Unsafe.Add(ref ghn, j) = candidate;
            Unsafe.Add(ref h, j) = n + z * (Unsafe.Add(ref hp, j) - n);
        }
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
        // Below, dr, dz and dn are the gradients of the gates' pre-activations (dr̂, dẑ, dn̂ above); d is dh.
        nuint z0 = (nuint)units, n0 = 2 * z0;
        int j = 0;
        if (Avx512F.IsSupported)
            for (; j + 16 <= units; j += 16)
            {
                nuint at = (nuint)j;
                Vector512<float> r = Vector512.LoadUnsafe(ref gate, at), z = Vector512.LoadUnsafe(ref gate, z0 + at), n = Vector512.LoadUnsafe(ref gate, n0 + at);
                Vector512<float> d = Vector512.LoadUnsafe(ref dh, at);
                Vector512<float> dn = Tanh.Derivative(Vector512<float>.Zero, n) * (d - d * z);
                Vector512<float> dr = Sigmoid.Derivative(Vector512<float>.Zero, r) * dn * Vector512.LoadUnsafe(ref ghn, at);
                Vector512<float> dz = Sigmoid.Derivative(Vector512<float>.Zero, z) * d * (Vector512.LoadUnsafe(ref hp, at) - n);
                dr.StoreUnsafe(ref dgi, at);
                dz.StoreUnsafe(ref dgi, z0 + at);
                dn.StoreUnsafe(ref dgi, n0 + at);
                dr.StoreUnsafe(ref dgh, at);
                dz.StoreUnsafe(ref dgh, z0 + at);
                (dn * r).StoreUnsafe(ref dgh, n0 + at);
                (d * z).StoreUnsafe(ref dhp, at);
            }
        else if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= units; j += 8)
            {
                nuint at = (nuint)j;
                Vector256<float> r = Vector256.LoadUnsafe(ref gate, at), z = Vector256.LoadUnsafe(ref gate, z0 + at), n = Vector256.LoadUnsafe(ref gate, n0 + at);
                Vector256<float> d = Vector256.LoadUnsafe(ref dh, at);
                Vector256<float> dn = Tanh.Derivative(Vector256<float>.Zero, n) * (d - d * z);
                Vector256<float> dr = Sigmoid.Derivative(Vector256<float>.Zero, r) * dn * Vector256.LoadUnsafe(ref ghn, at);
                Vector256<float> dz = Sigmoid.Derivative(Vector256<float>.Zero, z) * d * (Vector256.LoadUnsafe(ref hp, at) - n);
                dr.StoreUnsafe(ref dgi, at);
                dz.StoreUnsafe(ref dgi, z0 + at);
                dn.StoreUnsafe(ref dgi, n0 + at);
                dr.StoreUnsafe(ref dgh, at);
                dz.StoreUnsafe(ref dgh, z0 + at);
                (dn * r).StoreUnsafe(ref dgh, n0 + at);
                (d * z).StoreUnsafe(ref dhp, at);
            }
        for (; j < units; j++)
        {
            float r = Unsafe.Add(ref gate, j), z = Unsafe.Add(ref gate, units + j), n = Unsafe.Add(ref gate, 2 * units + j);
            float d = Unsafe.Add(ref dh, j);
            float dn = Tanh.Derivative(0f, n) * (d - d * z);
            float dr = Sigmoid.Derivative(0f, r) * dn * Unsafe.Add(ref ghn, j);
            float dz = Sigmoid.Derivative(0f, z) * d * (Unsafe.Add(ref hp, j) - n);
            Unsafe.Add(ref dgi, j) = dr;
            Unsafe.Add(ref dgi, units + j) = dz;
            Unsafe.Add(ref dgi, 2 * units + j) = dn;
            Unsafe.Add(ref dgh, j) = dr;
            Unsafe.Add(ref dgh, units + j) = dz;
            Unsafe.Add(ref dgh, 2 * units + j) = dn * r;
            Unsafe.Add(ref dhp, j) = d * z;
        }
    }

    private const string Gates = "r, z and n for each hidden unit", Units = "one per hidden unit";

    /// <summary>Out of line, so that the kernels stay small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(string parameter, int actual, long expected, string what)
        => throw new ArgumentException($"The spans do not fit one GRU step: {parameter} holds {actual} values, expected at least {expected} ({what}).", parameter);
}
