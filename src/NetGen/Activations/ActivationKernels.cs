using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Numerics;

namespace NetGen.Activations;

/// <summary>
/// One generic driver for whole-layer activations: 512-bit vectors when AVX-512F is present, else 256-bit when
/// those are accelerated, else 128-bit (Arm64), the scalar form for the tail. Generated code calls it for layers
/// wide enough to fill a vector.
/// </summary>
public static class ActivationKernels
{
    /// <summary>y = φ(x) over the length of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<TActivation>(ReadOnlySpan<float> x, Span<float> y) where TActivation : IVectorActivation
    {
        int n = x.Length;
        SpanLength.AtLeast(y.Length, n, nameof(y));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Avx512F.IsSupported)
            for (; i <= n - 16; i += 16)
                TActivation.Apply(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
                TActivation.Apply(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        else if (Vector128.IsHardwareAccelerated)
            for (; i <= n - 4; i += 4)
                TActivation.Apply(Vector128.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref destination, i) = TActivation.Apply(Unsafe.Add(ref source, i));
    }

    /// <summary>gradient[i] *= φ′(x[i]) given y = φ(x): turns dL/dy into dL/dx in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByDerivative<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient) where TActivation : IVectorActivation
    {
        int n = gradient.Length;
        SpanLength.AtLeast(x.Length, n, nameof(x));
        SpanLength.AtLeast(y.Length, n, nameof(y));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        int i = 0;
        if (Avx512F.IsSupported)
            for (; i <= n - 16; i += 16)
                (Vector512.LoadUnsafe(ref g, (nuint)i) * TActivation.Derivative(Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i))).StoreUnsafe(ref g, (nuint)i);
        else if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
                (Vector256.LoadUnsafe(ref g, (nuint)i) * TActivation.Derivative(Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i))).StoreUnsafe(ref g, (nuint)i);
        else if (Vector128.IsHardwareAccelerated)
            for (; i <= n - 4; i += 4)
                (Vector128.LoadUnsafe(ref g, (nuint)i) * TActivation.Derivative(Vector128.LoadUnsafe(ref xs, (nuint)i), Vector128.LoadUnsafe(ref ys, (nuint)i))).StoreUnsafe(ref g, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref g, i) *= TActivation.Derivative(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
    }
}
