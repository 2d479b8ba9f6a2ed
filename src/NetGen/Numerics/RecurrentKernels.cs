using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>Size-independent kernels of recurrent layers for generated code (sizes from span lengths, constants after inlining).</summary>
public static class RecurrentKernels
{
    /// <summary>
    /// One LSTM step after the gate products, in one pass over the hidden units (PyTorch's gate order i, f, g, o):
    /// gates = [σ(i) σ(f) tanh(g) σ(o)] from the pre-activations, c = f·c₋₁ + i·g, tc = tanh c, h = o·tc.
    /// Units = <paramref name="cell"/>.Length; the gate spans hold 4·units values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LstmCell(ReadOnlySpan<float> preActivations, ReadOnlySpan<float> previousCell, Span<float> gates, Span<float> cell, Span<float> cellTanh, Span<float> hidden)
    {
        int units = cell.Length;
        if (preActivations.Length < 4 * units || gates.Length < 4 * units) ThrowShape(nameof(gates), "4 values per unit");
        if (previousCell.Length < units || cellTanh.Length < units || hidden.Length < units) ThrowShape(nameof(hidden), "one value per unit");
        ref float pre = ref MemoryMarshal.GetReference(preActivations), cp = ref MemoryMarshal.GetReference(previousCell);
        ref float gate = ref MemoryMarshal.GetReference(gates), c = ref MemoryMarshal.GetReference(cell);
        ref float tc = ref MemoryMarshal.GetReference(cellTanh), h = ref MemoryMarshal.GetReference(hidden);
        int j = Cell<Width512, Vector512<float>>(0, units, Avx512F.IsSupported, ref pre, ref cp, ref gate, ref c, ref tc, ref h);
        j = Cell<Width256, Vector256<float>>(j, units, Vector256.IsHardwareAccelerated, ref pre, ref cp, ref gate, ref c, ref tc, ref h);
        j = Cell<Width128, Vector128<float>>(j, units, Vector128.IsHardwareAccelerated, ref pre, ref cp, ref gate, ref c, ref tc, ref h);
        Cell<Width1, float>(j, units, true, ref pre, ref cp, ref gate, ref c, ref tc, ref h);
    }

    /// <summary>
    /// <see cref="LstmCell"/> over units [<paramref name="start"/>, …) in whole vectors of <typeparamref name="TWidth"/>
    /// while <paramref name="enabled"/>; returns the first unit left. One body for every width and the scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Cell<TWidth, TVector>(int start, int units, bool enabled, ref float pre, ref float cp, ref float gate, ref float c, ref float tc, ref float h)
        where TWidth : IVectorWidth<TVector>
    {
        if (!enabled) return start;
        nuint f0 = (nuint)units, g0 = 2 * f0, o0 = 3 * f0;
        int j = start;
        for (; j + TWidth.Count <= units; j += TWidth.Count)
        {
            nuint at = (nuint)j;
            TVector i = TWidth.Sigmoid(TWidth.Load(ref pre, at)), f = TWidth.Sigmoid(TWidth.Load(ref pre, f0 + at));
            TVector g = TWidth.Tanh(TWidth.Load(ref pre, g0 + at)), o = TWidth.Sigmoid(TWidth.Load(ref pre, o0 + at));
            TWidth.Store(i, ref gate, at);
            TWidth.Store(f, ref gate, f0 + at);
            TWidth.Store(g, ref gate, g0 + at);
            TWidth.Store(o, ref gate, o0 + at);
            TVector next = TWidth.MultiplyAdd(f, TWidth.Load(ref cp, at), TWidth.Multiply(i, g)), squashed = TWidth.Tanh(next);
            TWidth.Store(next, ref c, at);
            TWidth.Store(squashed, ref tc, at);
            TWidth.Store(TWidth.Multiply(o, squashed), ref h, at);
        }
        return j;
    }

    /// <summary>
    /// The gradients of one LSTM step in one pass over the hidden units, from what <see cref="LstmCell"/> kept (gates i,
    /// f, g, o activated, tanh c) and the previous cell c₋₁: with dh = <paramref name="hiddenGradient"/> +
    /// <paramref name="hiddenCarry"/> (from the layers above and from step t + 1),
    /// dc = dh·o·tanh′(c) + <paramref name="cellCarry"/>; then the pre-activation gradients
    /// d(i) = dc·g·σ′(i), d(f) = dc·c₋₁·σ′(f), d(g) = dc·i·tanh′(g), d(o) = dh·tanh c·σ′(o) into
    /// <paramref name="gateGradients"/>, and dc·f into <paramref name="cellCarry"/> for step t − 1. The caller adds
    /// W_hhᵀ·d(gates) to the hidden carry. Units = <paramref name="cellCarry"/>.Length; gate spans hold 4·units values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LstmCellBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cellTanh, ReadOnlySpan<float> previousCell, ReadOnlySpan<float> hiddenGradient,
        ReadOnlySpan<float> hiddenCarry, Span<float> cellCarry, Span<float> gateGradients)
    {
        int units = cellCarry.Length;
        if (gates.Length < 4 * units || gateGradients.Length < 4 * units) ThrowShape(nameof(gateGradients), "4 values per unit");
        if (cellTanh.Length < units || previousCell.Length < units || hiddenGradient.Length < units || hiddenCarry.Length < units) ThrowShape(nameof(hiddenGradient), "one value per unit");
        ref float gate = ref MemoryMarshal.GetReference(gates), tc = ref MemoryMarshal.GetReference(cellTanh), cp = ref MemoryMarshal.GetReference(previousCell);
        ref float d = ref MemoryMarshal.GetReference(hiddenGradient), dh = ref MemoryMarshal.GetReference(hiddenCarry);
        ref float dc = ref MemoryMarshal.GetReference(cellCarry), dz = ref MemoryMarshal.GetReference(gateGradients);
        int j = CellBackward<Width512, Vector512<float>>(0, units, Avx512F.IsSupported, ref gate, ref tc, ref cp, ref d, ref dh, ref dc, ref dz);
        j = CellBackward<Width256, Vector256<float>>(j, units, Vector256.IsHardwareAccelerated, ref gate, ref tc, ref cp, ref d, ref dh, ref dc, ref dz);
        j = CellBackward<Width128, Vector128<float>>(j, units, Vector128.IsHardwareAccelerated, ref gate, ref tc, ref cp, ref d, ref dh, ref dc, ref dz);
        CellBackward<Width1, float>(j, units, true, ref gate, ref tc, ref cp, ref d, ref dh, ref dc, ref dz);
    }

    /// <summary><see cref="LstmCellBackward"/> over units [<paramref name="start"/>, …) in whole vectors of <typeparamref name="TWidth"/>; returns the first unit left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CellBackward<TWidth, TVector>(int start, int units, bool enabled, ref float gate, ref float tc, ref float cp, ref float d, ref float dh, ref float dc, ref float dz)
        where TWidth : IVectorWidth<TVector>
    {
        if (!enabled) return start;
        nuint f0 = (nuint)units, g0 = 2 * f0, o0 = 3 * f0;
        int j = start;
        for (; j + TWidth.Count <= units; j += TWidth.Count)
        {
            nuint at = (nuint)j;
            TVector i = TWidth.Load(ref gate, at), f = TWidth.Load(ref gate, f0 + at), g = TWidth.Load(ref gate, g0 + at), o = TWidth.Load(ref gate, o0 + at);
            TVector squashed = TWidth.Load(ref tc, at);
            TVector hidden = TWidth.Add(TWidth.Load(ref d, at), TWidth.Load(ref dh, at));
            TVector cell = TWidth.MultiplyAdd(TWidth.Multiply(hidden, o), TWidth.TanhDerivative(squashed), TWidth.Load(ref dc, at));
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(cell, g), TWidth.SigmoidDerivative(i)), ref dz, at);
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(cell, TWidth.Load(ref cp, at)), TWidth.SigmoidDerivative(f)), ref dz, f0 + at);
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(cell, i), TWidth.TanhDerivative(g)), ref dz, g0 + at);
            TWidth.Store(TWidth.Multiply(TWidth.Multiply(hidden, squashed), TWidth.SigmoidDerivative(o)), ref dz, o0 + at);
            TWidth.Store(TWidth.Multiply(cell, f), ref dc, at);
        }
        return j;
    }

    /// <summary>Out of line, so that the kernel stays small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(string parameter, string expected) => throw new ArgumentException($"The spans do not fit one LSTM step: expected {expected}.", parameter);
}
