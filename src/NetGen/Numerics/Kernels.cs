using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// Size-independent kernels for generated code. They inline into the caller, where the generator
/// passes the layer's sizes as constants. 512-bit vectors when AVX-512F is present (.NET prefers
/// 256-bit on such CPUs unless told), 256-bit otherwise, scalar for the tail.
/// </summary>
public static class Kernels
{
    /// <summary>Σ a[i]·b[i] over the length of <paramref name="a"/> (<paramref name="b"/> at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        SpanLength.AtLeast(b.Length, n, nameof(b));
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = 0f;
        if (Avx512F.IsSupported && n >= 16)
        {
            Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
            for (; i <= n - 32; i += 32)
            {
                acc0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref y, (nuint)i), acc0);
                acc1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)(i + 16)), Vector512.LoadUnsafe(ref y, (nuint)(i + 16)), acc1);
            }
            for (; i <= n - 16; i += 16)
                acc0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512.LoadUnsafe(ref y, (nuint)i), acc0);
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
                acc += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        return sum;
    }

    /// <summary>
    /// destination[i] = decay·destination[i] + scale·x[i] over the length of <paramref name="destination"/> (the product
    /// decay·destination rounded first: weight decay's shrink, then the step), every element rounded the same way
    /// (<see cref="MultiplyAdd(float, float, float)"/>), so an update fused into another kernel gives the same bits. A
    /// decay of 1 changes no bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyAdd(Span<float> destination, ReadOnlySpan<float> x, float scale, float decay = 1f)
    {
        int n = destination.Length;
        SpanLength.AtLeast(x.Length, n, nameof(x));
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float s = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Avx512F.IsSupported && n >= 16)
        {
            Vector512<float> factor = Vector512.Create(scale), shrink = Vector512.Create(decay);
            for (; i <= n - 16; i += 16)
                Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref s, (nuint)i), factor, Vector512.LoadUnsafe(ref d, (nuint)i) * shrink).StoreUnsafe(ref d, (nuint)i);
        }
        else if (Fma.IsSupported && n >= 8)
        {
            Vector256<float> factor = Vector256.Create(scale), shrink = Vector256.Create(decay);
            for (; i <= n - 8; i += 8)
                Fma.MultiplyAdd(Vector256.LoadUnsafe(ref s, (nuint)i), factor, Vector256.LoadUnsafe(ref d, (nuint)i) * shrink).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = MultiplyAdd(Unsafe.Add(ref s, i), scale, Unsafe.Add(ref d, i) * decay);
    }

    /// <summary>a·b + c, fused (one rounding) where the CPU has FMA, as the vector paths of the kernels compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float a, float b, float c) => Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary>
    /// destination[o] += Σ_i W[o, i]·x[i] for a row-major W of destination.Length rows and x.Length columns.
    /// Four rows at a time share each load of x, each with its own accumulator (output-stationary blocking).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixVectorAdd(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, Span<float> destination)
    {
        int rows = destination.Length, columns = x.Length;
        SpanLength.AtLeast(weights.Length, (long)rows * columns, nameof(weights));
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float v = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int o = 0;
        if (Avx512F.IsSupported && columns >= 16)
        {
            for (; o <= rows - 4; o += 4)
            {
                ref float r0 = ref Unsafe.Add(ref w, o * columns);
                ref float r1 = ref Unsafe.Add(ref r0, columns);
                ref float r2 = ref Unsafe.Add(ref r1, columns);
                ref float r3 = ref Unsafe.Add(ref r2, columns);
                Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                int i = 0;
                for (; i <= columns - 16; i += 16)
                {
                    Vector512<float> xi = Vector512.LoadUnsafe(ref v, (nuint)i);
                    a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)i), xi, a0);
                    a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)i), xi, a1);
                    a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)i), xi, a2);
                    a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)i), xi, a3);
                }
                float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
                for (; i < columns; i++)
                {
                    float xi = Unsafe.Add(ref v, i);
                    s0 += Unsafe.Add(ref r0, i) * xi;
                    s1 += Unsafe.Add(ref r1, i) * xi;
                    s2 += Unsafe.Add(ref r2, i) * xi;
                    s3 += Unsafe.Add(ref r3, i) * xi;
                }
                Unsafe.Add(ref d, o) += s0;
                Unsafe.Add(ref d, o + 1) += s1;
                Unsafe.Add(ref d, o + 2) += s2;
                Unsafe.Add(ref d, o + 3) += s3;
            }
        }
        for (; o < rows; o++)
            Unsafe.Add(ref d, o) += Dot(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref w, o * columns), columns), x);
    }

    /// <summary>
    /// destination[i] += Σ_o W[o, i]·δ[o] (Wᵀ·δ) for a row-major W of δ.Length rows and destination.Length columns:
    /// four rows at a time, so each load and store of the destination serves four of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedMatrixVectorAdd(ReadOnlySpan<float> weights, ReadOnlySpan<float> delta, Span<float> destination)
    {
        int rows = delta.Length, columns = destination.Length;
        SpanLength.AtLeast(weights.Length, (long)rows * columns, nameof(weights));
        int o = 0;
        if (Avx512F.IsSupported && columns >= 16)
        {
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float d = ref MemoryMarshal.GetReference(destination);
            for (; o <= rows - 4; o += 4)
            {
                ref float r0 = ref Unsafe.Add(ref w, o * columns);
                ref float r1 = ref Unsafe.Add(ref r0, columns);
                ref float r2 = ref Unsafe.Add(ref r1, columns);
                ref float r3 = ref Unsafe.Add(ref r2, columns);
                float f0 = delta[o], f1 = delta[o + 1], f2 = delta[o + 2], f3 = delta[o + 3];
                Vector512<float> c0 = Vector512.Create(f0), c1 = Vector512.Create(f1), c2 = Vector512.Create(f2), c3 = Vector512.Create(f3);
                int i = 0;
                for (; i <= columns - 16; i += 16)
                {
                    Vector512<float> sum = Vector512.LoadUnsafe(ref d, (nuint)i);
                    sum = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)i), c0, sum);
                    sum = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)i), c1, sum);
                    sum = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)i), c2, sum);
                    sum = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)i), c3, sum);
                    sum.StoreUnsafe(ref d, (nuint)i);
                }
                for (; i < columns; i++)
                    Unsafe.Add(ref d, i) += Unsafe.Add(ref r0, i) * f0 + Unsafe.Add(ref r1, i) * f1 + Unsafe.Add(ref r2, i) * f2 + Unsafe.Add(ref r3, i) * f3;
            }
        }
        for (; o < rows; o++) MultiplyAdd(destination, weights.Slice(o * columns, columns), delta[o]);
    }

    /// <summary>gradient[o, i] += δ[o]·x[i] (the weight gradient δ·xᵀ) for a row-major [δ.Length, x.Length] matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OuterProductAdd(Span<float> gradient, ReadOnlySpan<float> delta, ReadOnlySpan<float> x)
    {
        int rows = delta.Length, columns = x.Length;
        SpanLength.AtLeast(gradient.Length, (long)rows * columns, nameof(gradient));
        for (int o = 0; o < rows; o++) MultiplyAdd(gradient.Slice(o * columns, columns), x, delta[o]);
    }
}
