using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>A size known when the JIT compiles a generic instantiation (a struct type argument), so loops over it have constant bounds.</summary>
public interface ISize
{
    /// <summary>The size.</summary>
    static abstract int Value { get; }
}

#pragma warning disable CS1591 // the size types say what they are
public readonly struct N0 : ISize { public static int Value => 0; }
public readonly struct N1 : ISize { public static int Value => 1; }
public readonly struct N2 : ISize { public static int Value => 2; }
public readonly struct N4 : ISize { public static int Value => 4; }
public readonly struct N8 : ISize { public static int Value => 8; }
public readonly struct N10 : ISize { public static int Value => 10; }
public readonly struct N16 : ISize { public static int Value => 16; }
public readonly struct N32 : ISize { public static int Value => 32; }
public readonly struct N64 : ISize { public static int Value => 64; }
public readonly struct N128 : ISize { public static int Value => 128; }
public readonly struct N784 : ISize { public static int Value => 784; }
#pragma warning restore CS1591

/// <summary>An activation the hand-written SIMD baselines apply to whole vectors of pre-activations.</summary>
public interface ISimdActivation
{
    /// <summary>φ on 16 lanes.</summary>
    static abstract Vector512<float> Apply(Vector512<float> z);
    /// <summary>φ on 8 lanes.</summary>
    static abstract Vector256<float> Apply(Vector256<float> z);
    /// <summary>φ on one value (tails).</summary>
    static abstract float Apply(float z);
    /// <summary>φ′ from z and y = φ(z), on 16 lanes.</summary>
    static abstract Vector512<float> Derivative(Vector512<float> z, Vector512<float> y);
    /// <summary>φ′ on 8 lanes.</summary>
    static abstract Vector256<float> Derivative(Vector256<float> z, Vector256<float> y);
    /// <summary>φ′ on one value.</summary>
    static abstract float Derivative(float z, float y);
}

/// <summary>Identity.</summary>
public readonly struct SimdLinear : ISimdActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> z) => z;
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> z) => z;
    /// <inheritdoc/>
    public static float Apply(float z) => z;
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> y) => Vector512<float>.One;
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> y) => Vector256<float>.One;
    /// <inheritdoc/>
    public static float Derivative(float z, float y) => 1f;
}

/// <summary>max(0, z); derivative 0 at 0.</summary>
public readonly struct SimdRelu : ISimdActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> z) => Vector512.MaxNative(z, Vector512<float>.Zero);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> z) => Vector256.MaxNative(z, Vector256<float>.Zero);
    /// <inheritdoc/>
    public static float Apply(float z) => z > 0f ? z : 0f;
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> y) => Vector512.GreaterThan(z, Vector512<float>.Zero) & Vector512<float>.One;
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> y) => Vector256.GreaterThan(z, Vector256<float>.Zero) & Vector256<float>.One;
    /// <inheritdoc/>
    public static float Derivative(float z, float y) => z > 0f ? 1f : 0f;
}

/// <summary>tanh through <see cref="SimdMath"/>'s rational approximation; derivative 1 − y².</summary>
public readonly struct SimdTanh : ISimdActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> z) => SimdMath.Tanh(z);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> z) => SimdMath.Tanh(z);
    /// <inheritdoc/>
    public static float Apply(float z) => SimdMath.Tanh(z);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> z, Vector512<float> y) => Vector512.FusedMultiplyAdd(-y, y, Vector512<float>.One);
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> z, Vector256<float> y) => Vector256.FusedMultiplyAdd(-y, y, Vector256<float>.One);
    /// <inheritdoc/>
    public static float Derivative(float z, float y) => 1f - y * y;
}

/// <summary>
/// Vectorised tanh and sigmoid for the hand-written baselines: Eigen's 13/6 rational approximation of tanh
/// (odd numerator of degree 13, even denominator of degree 6, input clamped to ±7.905311, beyond which
/// float tanh is ±1), one division per vector, no table and no exp. Measured against double-precision
/// <see cref="Math.Tanh"/> by <see cref="MeasureError"/> (printed by <c>--check</c>) over [−10, 10]: tanh
/// within 2.7e-7, absolute and relative (a few ulp); sigmoid(x) = ½ + ½·tanh(x/2) within 1.7e-7 absolute,
/// but its relative error grows where sigmoid is small (2.5e-3 at x = −10), which the absolute
/// agreement checks here do not mind and a relative bound would.
/// </summary>
public static class SimdMath
{
    private const float Clamp = 7.90531110763549805f;
    private const float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
    private const float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
    private const float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f, B6 = 1.19825839466702e-06f;

    /// <summary>tanh on 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> value) => NetGen.Numerics.VectorMath.Tanh(value); // the same Eigen 13/6 form NetGen ships

    /// <summary>tanh on 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> value) => NetGen.Numerics.VectorMath.Tanh(value); // the same Eigen 13/6 form NetGen ships

    /// <summary>tanh on one value, the same approximation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float value)
    {
        float x = Math.Clamp(value, -Clamp, Clamp);
        float x2 = x * x;
        float p = MathF.FusedMultiplyAdd(x2, A13, A11);
        p = MathF.FusedMultiplyAdd(x2, p, A9);
        p = MathF.FusedMultiplyAdd(x2, p, A7);
        p = MathF.FusedMultiplyAdd(x2, p, A5);
        p = MathF.FusedMultiplyAdd(x2, p, A3);
        p = MathF.FusedMultiplyAdd(x2, p, A1);
        float q = MathF.FusedMultiplyAdd(x2, B6, B4);
        q = MathF.FusedMultiplyAdd(x2, q, B2);
        q = MathF.FusedMultiplyAdd(x2, q, B0);
        return x * p / q;
    }

    /// <summary>σ(x) = ½ + ½·tanh(x/2) on 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> half = Vector512.Create(0.5f);
        return Vector512.FusedMultiplyAdd(Tanh(x * half), half, half);
    }

    /// <summary>σ(x) on 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> half = Vector256.Create(0.5f);
        return Vector256.FusedMultiplyAdd(Tanh(x * half), half, half);
    }

    /// <summary>σ(x) on one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => MathF.FusedMultiplyAdd(Tanh(0.5f * x), 0.5f, 0.5f);

    /// <summary>
    /// Largest absolute and relative errors of the vector tanh and sigmoid (the path this machine runs: 16
    /// or 8 lanes) against double precision, over <paramref name="count"/> points evenly spread on
    /// [−<paramref name="range"/>, <paramref name="range"/>].
    /// </summary>
    public static (double Tanh, double Sigmoid, double TanhRelative, double SigmoidRelative) MeasureError(float range = 10f, int count = 2_000_001)
    {
        double worstTanh = 0, worstSigmoid = 0, worstTanhRelative = 0, worstSigmoidRelative = 0;
        Span<float> x = stackalloc float[16], t = stackalloc float[16], s = stackalloc float[16];
        for (int start = 0; start < count; start += 16)
        {
            for (int k = 0; k < 16; k++) x[k] = -range + 2f * range * Math.Min(start + k, count - 1) / (count - 1);
            if (Vector512.IsHardwareAccelerated || Avx512F.IsSupported)
            {
                Tanh(Vector512.Create(x)).CopyTo(t);
                Sigmoid(Vector512.Create(x)).CopyTo(s);
            }
            else
            {
                Tanh(Vector256.Create(x)).CopyTo(t);
                Sigmoid(Vector256.Create(x)).CopyTo(s);
                Tanh(Vector256.Create(x.Slice(8))).CopyTo(t.Slice(8));
                Sigmoid(Vector256.Create(x.Slice(8))).CopyTo(s.Slice(8));
            }
            for (int k = 0; k < 16; k++)
            {
                double tanh = Math.Tanh(x[k]), sigmoid = 1.0 / (1.0 + Math.Exp(-(double)x[k]));
                worstTanh = Math.Max(worstTanh, Math.Abs(t[k] - tanh));
                worstSigmoid = Math.Max(worstSigmoid, Math.Abs(s[k] - sigmoid));
                if (tanh != 0) worstTanhRelative = Math.Max(worstTanhRelative, Math.Abs(t[k] - tanh) / Math.Abs(tanh));
                worstSigmoidRelative = Math.Max(worstSigmoidRelative, Math.Abs(s[k] - sigmoid) / sigmoid);
            }
        }
        return (worstTanh, worstSigmoid, worstTanhRelative, worstSigmoidRelative);
    }
}

/// <summary>
/// Output-stationary dot-product kernels: several consecutive rows of a row-major [out, in] matrix against
/// one vector, each row with its own accumulator, reduced together at the end. Sizes are type arguments,
/// so every loop bound and row offset is a constant after the JIT specialises the instantiation.
/// Each row may read two segments (an LSTM's W_ih·x and W_hh·h); a dense layer passes <see cref="N0"/> as the second.
/// Inlining: the kernels inline into the network's Forward/TrainStep (no stackalloc in them, or the JIT
/// refuses), and those entry points are <c>NoInlining</c>: when tiered PGO inlined a whole Forward into its
/// caller, the JIT kept the 16 accumulators on the stack (a load and a store around every FMA; W2 took
/// 6–10 µs instead of 3.9).
/// </summary>
public static class SimdDot
{
    /// <summary>
    /// 16 rows (AVX-512 only): result[k] = Σ w1[k·n1 + i]·x1[i] + Σ w2[k·n2 + i]·x2[i]. 16 zmm accumulators,
    /// then a transposing reduction tree (45 shuffles and adds in all) that leaves row k in lane k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Rows16<TN1, TN2>(ref float w1, ref float x1, ref float w2, ref float x2)
        where TN1 : ISize where TN2 : ISize
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
        Accumulate16<TN1>(ref w1, ref x1, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7, ref a8, ref a9, ref a10, ref a11, ref a12, ref a13, ref a14, ref a15);
        Accumulate16<TN2>(ref w2, ref x2, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7, ref a8, ref a9, ref a10, ref a11, ref a12, ref a13, ref a14, ref a15);

        // Step 1: pairs (k, k + 4) and (k + 8, k + 12) fold their 512 bits into one vector each:
        // p = [row a: lanes 0+2, 1+3 | row b: lanes 0+2, 1+3] (128-bit lanes).
        Vector512<float> p0 = Fold2(a0, a4), p1 = Fold2(a8, a12), p2 = Fold2(a1, a5), p3 = Fold2(a9, a13);
        Vector512<float> p4 = Fold2(a2, a6), p5 = Fold2(a10, a14), p6 = Fold2(a3, a7), p7 = Fold2(a11, a15);
        // A remaining block of 8 columns goes straight into those pairs: [8 of row a | 8 of row b] · [x | x].
        PairRemainder<TN1>(ref w1, ref x1, ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7);
        PairRemainder<TN2>(ref w2, ref x2, ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7);
        // Step 2: q = [row a | row b | row c | row d], 4 partial sums per 128-bit lane.
        Vector512<float> q0 = Fold4(p0, p1), q1 = Fold4(p2, p3), q2 = Fold4(p4, p5), q3 = Fold4(p6, p7);
        // Step 3: r = per lane [2 of q0's row, 2 of q1's row].
        Vector512<float> r0 = Avx512F.UnpackLow(q0.AsDouble(), q1.AsDouble()).AsSingle() + Avx512F.UnpackHigh(q0.AsDouble(), q1.AsDouble()).AsSingle();
        Vector512<float> r1 = Avx512F.UnpackLow(q2.AsDouble(), q3.AsDouble()).AsSingle() + Avx512F.UnpackHigh(q2.AsDouble(), q3.AsDouble()).AsSingle();
        // Step 4: lane L = rows 4L .. 4L + 3, in order.
        Vector512<float> sums = Avx512F.Shuffle(r0, r1, 0x88) + Avx512F.Shuffle(r0, r1, 0xDD);

        if (TN1.Value % 8 != 0 || TN2.Value % 8 != 0) sums += Tails16(ref w1, ref x1, TN1.Value, ref w2, ref x2, TN2.Value);
        return sums;
    }

    /// <summary>
    /// 8 rows: the same sums as <see cref="Rows16"/> for 8 rows, in a Vector256. AVX-512: zmm accumulators
    /// folded to ymm; AVX2 + FMA: ymm accumulators; either way a horizontal-add reduction. Otherwise scalar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Rows8<TN1, TN2>(ref float w1, ref float x1, ref float w2, ref float x2)
        where TN1 : ISize where TN2 : ISize
    {
        int n1 = TN1.Value, n2 = TN2.Value;
        if (!Avx2.IsSupported || !Fma.IsSupported) return Tails8(ref w1, ref x1, n1, ref w2, ref x2, n2, from: 0);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        if (Avx512F.IsSupported)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            Accumulate8x512<TN1>(ref w1, ref x1, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            Accumulate8x512<TN2>(ref w2, ref x2, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            s0 = a0.GetLower() + a0.GetUpper(); s1 = a1.GetLower() + a1.GetUpper();
            s2 = a2.GetLower() + a2.GetUpper(); s3 = a3.GetLower() + a3.GetUpper();
            s4 = a4.GetLower() + a4.GetUpper(); s5 = a5.GetLower() + a5.GetUpper();
            s6 = a6.GetLower() + a6.GetUpper(); s7 = a7.GetLower() + a7.GetUpper();
            if (n1 % 16 >= 8) Accumulate8(ref Unsafe.Add(ref w1, n1 / 16 * 16), ref Unsafe.Add(ref x1, n1 / 16 * 16), n1, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            if (n2 % 16 >= 8) Accumulate8(ref Unsafe.Add(ref w2, n2 / 16 * 16), ref Unsafe.Add(ref x2, n2 / 16 * 16), n2, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        }
        else
        {
            for (int i = 0; i + 8 <= n1; i += 8)
                Accumulate8(ref Unsafe.Add(ref w1, i), ref Unsafe.Add(ref x1, i), n1, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
            for (int i = 0; i + 8 <= n2; i += 8)
                Accumulate8(ref Unsafe.Add(ref w2, i), ref Unsafe.Add(ref x2, i), n2, ref s0, ref s1, ref s2, ref s3, ref s4, ref s5, ref s6, ref s7);
        }
        Vector256<float> q0 = Avx.HorizontalAdd(Avx.HorizontalAdd(s0, s1), Avx.HorizontalAdd(s2, s3));
        Vector256<float> q1 = Avx.HorizontalAdd(Avx.HorizontalAdd(s4, s5), Avx.HorizontalAdd(s6, s7));
        Vector256<float> sums = Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);
        if (n1 % 8 != 0 || n2 % 8 != 0) sums += Tails8(ref w1, ref x1, n1, ref w2, ref x2, n2);
        return sums;
    }

    /// <summary>One row: Σ w1[i]·x1[i] + Σ w2[i]·x2[i] (rows left over after the blocks of 16 and 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Row<TN1, TN2>(ref float w1, ref float x1, ref float w2, ref float x2)
        where TN1 : ISize where TN2 : ISize
        => Row<TN1>(ref w1, ref x1) + Row<TN2>(ref w2, ref x2);

    /// <summary>One row of one segment: Σ w[i]·x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Row<TN>(ref float w, ref float x) where TN : ISize
    {
        int n = TN.Value, i = 0;
        float sum = 0f;
        if (Avx512F.IsSupported && n >= 16)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16) acc = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)i), Vector512.LoadUnsafe(ref x, (nuint)i), acc);
            sum += Vector512.Sum(acc);
        }
        if (Fma.IsSupported && i + 8 <= n)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8) acc = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)i), Vector256.LoadUnsafe(ref x, (nuint)i), acc);
            sum += Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref w, i) * Unsafe.Add(ref x, i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate16<TN>(ref float w, ref float x,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7,
        ref Vector512<float> a8, ref Vector512<float> a9, ref Vector512<float> a10, ref Vector512<float> a11,
        ref Vector512<float> a12, ref Vector512<float> a13, ref Vector512<float> a14, ref Vector512<float> a15)
        where TN : ISize
    {
        int n = TN.Value;
        for (int i = 0; i + 16 <= n; i += 16)
        {
            ref float r = ref Unsafe.Add(ref w, i);
            Vector512<float> v = Vector512.LoadUnsafe(ref x, (nuint)i);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r), v, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)n), v, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(2 * n)), v, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(3 * n)), v, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(4 * n)), v, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(5 * n)), v, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(6 * n)), v, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(7 * n)), v, a7);
            a8 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(8 * n)), v, a8);
            a9 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(9 * n)), v, a9);
            a10 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(10 * n)), v, a10);
            a11 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(11 * n)), v, a11);
            a12 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(12 * n)), v, a12);
            a13 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(13 * n)), v, a13);
            a14 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(14 * n)), v, a14);
            a15 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(15 * n)), v, a15);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate8x512<TN>(ref float w, ref float x,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
        ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7)
        where TN : ISize
    {
        int n = TN.Value;
        for (int i = 0; i + 16 <= n; i += 16)
        {
            ref float r = ref Unsafe.Add(ref w, i);
            Vector512<float> v = Vector512.LoadUnsafe(ref x, (nuint)i);
            a0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r), v, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)n), v, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(2 * n)), v, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(3 * n)), v, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(4 * n)), v, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(5 * n)), v, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(6 * n)), v, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r, (nuint)(7 * n)), v, a7);
        }
    }

    // A block of 8 columns left after the blocks of 16: rows paired as in Rows16's first folding step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairRemainder<TN>(ref float w0, ref float x0,
        ref Vector512<float> p0, ref Vector512<float> p1, ref Vector512<float> p2, ref Vector512<float> p3,
        ref Vector512<float> p4, ref Vector512<float> p5, ref Vector512<float> p6, ref Vector512<float> p7)
        where TN : ISize
    {
        int n = TN.Value;
        if (n % 16 < 8) return;
        int i = n / 16 * 16;
        ref float w = ref Unsafe.Add(ref w0, i);
        Vector256<float> half = Vector256.LoadUnsafe(ref Unsafe.Add(ref x0, i));
        Vector512<float> v = Vector512.Create(half, half);
        p0 = Avx512F.FusedMultiplyAdd(Pair(ref w, 0, 4, n), v, p0);
        p1 = Avx512F.FusedMultiplyAdd(Pair(ref w, 8, 12, n), v, p1);
        p2 = Avx512F.FusedMultiplyAdd(Pair(ref w, 1, 5, n), v, p2);
        p3 = Avx512F.FusedMultiplyAdd(Pair(ref w, 9, 13, n), v, p3);
        p4 = Avx512F.FusedMultiplyAdd(Pair(ref w, 2, 6, n), v, p4);
        p5 = Avx512F.FusedMultiplyAdd(Pair(ref w, 10, 14, n), v, p5);
        p6 = Avx512F.FusedMultiplyAdd(Pair(ref w, 3, 7, n), v, p6);
        p7 = Avx512F.FusedMultiplyAdd(Pair(ref w, 11, 15, n), v, p7);
    }

    // [a.l0, a.l1, b.l0, b.l1] + [a.l2, a.l3, b.l2, b.l3]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold2(Vector512<float> a, Vector512<float> b)
        => Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    // [p.l0, p.l2, q.l0, q.l2] + [p.l1, p.l3, q.l1, q.l3]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fold4(Vector512<float> p, Vector512<float> q)
        => Avx512F.Shuffle4x128(p, q, 0x88) + Avx512F.Shuffle4x128(p, q, 0xDD);

    // 8 columns of row a in the low half, 8 of row b in the high half.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair(ref float w, int a, int b, int n)
        => Vector512.Create(Vector256.LoadUnsafe(ref w, (nuint)(a * n)), Vector256.LoadUnsafe(ref w, (nuint)(b * n)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate8(ref float r, ref float x, int n,
        ref Vector256<float> s0, ref Vector256<float> s1, ref Vector256<float> s2, ref Vector256<float> s3,
        ref Vector256<float> s4, ref Vector256<float> s5, ref Vector256<float> s6, ref Vector256<float> s7)
    {
        Vector256<float> v = Vector256.LoadUnsafe(ref x);
        s0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r), v, s0);
        s1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)n), v, s1);
        s2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(2 * n)), v, s2);
        s3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(3 * n)), v, s3);
        s4 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(4 * n)), v, s4);
        s5 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(5 * n)), v, s5);
        s6 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(6 * n)), v, s6);
        s7 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)(7 * n)), v, s7);
    }

    // The columns left after the blocks of 8 (all of them from `from` = 0: the scalar path), for 16 rows.
    // Out of line, with its stackalloc, so that the kernels stay small enough to inline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> Tails16(ref float w1, ref float x1, int n1, ref float w2, ref float x2, int n2)
    {
        Span<float> tails = stackalloc float[16];
        for (int k = 0; k < 16; k++) tails[k] = Tail(ref w1, ref x1, n1, k) + Tail(ref w2, ref x2, n2, k);
        return Vector512.Create((ReadOnlySpan<float>)tails);
    }

    // The same for 8 rows.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> Tails8(ref float w1, ref float x1, int n1, ref float w2, ref float x2, int n2, int from = -1)
    {
        Span<float> tails = stackalloc float[8];
        for (int k = 0; k < 8; k++) tails[k] = Tail(ref w1, ref x1, n1, k, from) + Tail(ref w2, ref x2, n2, k, from);
        return Vector256.Create((ReadOnlySpan<float>)tails);
    }

    // Σ over the columns of row k from `from` (default: past the last full block of 8) to n.
    private static float Tail(ref float w, ref float x, int n, int k, int from = -1)
    {
        float sum = 0f;
        for (int i = from < 0 ? n / 8 * 8 : from; i < n; i++) sum += Unsafe.Add(ref w, k * n + i) * Unsafe.Add(ref x, i);
        return sum;
    }
}
