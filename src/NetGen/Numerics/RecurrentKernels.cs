using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Activations;

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
        nuint f0 = (nuint)units, g0 = 2 * f0, o0 = 3 * f0;
        int j = 0;
        if (Avx512F.IsSupported)
            for (; j + 16 <= units; j += 16)
            {
                nuint at = (nuint)j;
                Vector512<float> i = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref pre, at)), f = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref pre, f0 + at));
                Vector512<float> g = VectorMath.Tanh(Vector512.LoadUnsafe(ref pre, g0 + at)), o = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref pre, o0 + at));
                i.StoreUnsafe(ref gate, at);
                f.StoreUnsafe(ref gate, f0 + at);
                g.StoreUnsafe(ref gate, g0 + at);
                o.StoreUnsafe(ref gate, o0 + at);
                Vector512<float> next = Vector512.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref cp, at), i * g), squashed = VectorMath.Tanh(next);
                next.StoreUnsafe(ref c, at);
                squashed.StoreUnsafe(ref tc, at);
                (o * squashed).StoreUnsafe(ref h, at);
            }
        else if (Vector256.IsHardwareAccelerated)
            for (; j + 8 <= units; j += 8)
            {
                nuint at = (nuint)j;
                Vector256<float> i = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref pre, at)), f = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref pre, f0 + at));
                Vector256<float> g = VectorMath.Tanh(Vector256.LoadUnsafe(ref pre, g0 + at)), o = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref pre, o0 + at));
                i.StoreUnsafe(ref gate, at);
                f.StoreUnsafe(ref gate, f0 + at);
                g.StoreUnsafe(ref gate, g0 + at);
                o.StoreUnsafe(ref gate, o0 + at);
                Vector256<float> next = Vector256.FusedMultiplyAdd(f, Vector256.LoadUnsafe(ref cp, at), i * g), squashed = VectorMath.Tanh(next);
                next.StoreUnsafe(ref c, at);
                squashed.StoreUnsafe(ref tc, at);
                (o * squashed).StoreUnsafe(ref h, at);
            }
        else if (Vector128.IsHardwareAccelerated)
            for (; j + 4 <= units; j += 4)
            {
                nuint at = (nuint)j;
                Vector128<float> i = VectorMath.Sigmoid(Vector128.LoadUnsafe(ref pre, at)), f = VectorMath.Sigmoid(Vector128.LoadUnsafe(ref pre, f0 + at));
                Vector128<float> g = VectorMath.Tanh(Vector128.LoadUnsafe(ref pre, g0 + at)), o = VectorMath.Sigmoid(Vector128.LoadUnsafe(ref pre, o0 + at));
                i.StoreUnsafe(ref gate, at);
                f.StoreUnsafe(ref gate, f0 + at);
                g.StoreUnsafe(ref gate, g0 + at);
                o.StoreUnsafe(ref gate, o0 + at);
                Vector128<float> next = Vector128.FusedMultiplyAdd(f, Vector128.LoadUnsafe(ref cp, at), i * g), squashed = VectorMath.Tanh(next);
                next.StoreUnsafe(ref c, at);
                squashed.StoreUnsafe(ref tc, at);
                (o * squashed).StoreUnsafe(ref h, at);
            }
        for (; j < units; j++)
        {
            float i = Sigmoid.Apply(Unsafe.Add(ref pre, j)), f = Sigmoid.Apply(Unsafe.Add(ref pre, units + j));
            float g = Tanh.Apply(Unsafe.Add(ref pre, 2 * units + j)), o = Sigmoid.Apply(Unsafe.Add(ref pre, 3 * units + j));
            Unsafe.Add(ref gate, j) = i;
            Unsafe.Add(ref gate, units + j) = f;
            Unsafe.Add(ref gate, 2 * units + j) = g;
            Unsafe.Add(ref gate, 3 * units + j) = o;
            float next = f * Unsafe.Add(ref cp, j) + i * g;
            Unsafe.Add(ref c, j) = next;
            Unsafe.Add(ref tc, j) = Tanh.Apply(next);
            Unsafe.Add(ref h, j) = o * Unsafe.Add(ref tc, j);
        }
    }

    /// <summary>Out of line, so that the kernel stays small enough to inline.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(string parameter, string expected) => throw new ArgumentException($"The spans do not fit one LSTM step: expected {expected}.", parameter);
}
