using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Numerics;

/// <summary>
/// Vectorised tanh, sigmoid and exp over 512, 256 and 128 bits (the same algorithm and constants at every width;
/// 128 bits is all Arm64 has), without the runtime's vector exp (its float exp widens to double). Measured bounds
/// against double precision (see VectorMathTests): relative error below 1e-6 for tanh and σ over [−20, 20], where
/// |tanh x| and σ(x) exceed 1e-30, and for exp over its whole unclamped range.
/// </summary>
public static class VectorMath
{
    // tanh: Eigen's 13/6 rational approximation (odd numerator of degree 13, even denominator of degree 6),
    // about 3e-7 relative; one division, no exp. Beyond ±Clamp float tanh rounds to ±1, so the input is
    // clamped there (a NaN fails the comparison and passes through).
    private const float Clamp = 7.90531110763549805f;
    private const float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
    private const float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
    private const float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f, B6 = 1.19825839466702e-06f;

    /// <summary>tanh over 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> value)
    {
        Vector512<float> limit = Vector512.Create(Clamp);
        Vector512<float> x = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Abs(value), limit), Vector512.CopySign(limit, value), value);
        Vector512<float> x2 = x * x;
        Vector512<float> p = Vector512.FusedMultiplyAdd(x2, Vector512.Create(A13), Vector512.Create(A11));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A9));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A7));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A5));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A3));
        p = Vector512.FusedMultiplyAdd(x2, p, Vector512.Create(A1));
        Vector512<float> q = Vector512.FusedMultiplyAdd(x2, Vector512.Create(B6), Vector512.Create(B4));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B2));
        q = Vector512.FusedMultiplyAdd(x2, q, Vector512.Create(B0));
        return x * p / q;
    }

    /// <summary>tanh over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> value)
    {
        Vector256<float> limit = Vector256.Create(Clamp);
        Vector256<float> x = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.Abs(value), limit), Vector256.CopySign(limit, value), value);
        Vector256<float> x2 = x * x;
        Vector256<float> p = Vector256.FusedMultiplyAdd(x2, Vector256.Create(A13), Vector256.Create(A11));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A9));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A7));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A5));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A3));
        p = Vector256.FusedMultiplyAdd(x2, p, Vector256.Create(A1));
        Vector256<float> q = Vector256.FusedMultiplyAdd(x2, Vector256.Create(B6), Vector256.Create(B4));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256.Create(B2));
        q = Vector256.FusedMultiplyAdd(x2, q, Vector256.Create(B0));
        return x * p / q;
    }

    /// <summary>tanh over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> value)
    {
        Vector128<float> limit = Vector128.Create(Clamp);
        Vector128<float> x = Vector128.ConditionalSelect(Vector128.GreaterThan(Vector128.Abs(value), limit), Vector128.CopySign(limit, value), value);
        Vector128<float> x2 = x * x;
        Vector128<float> p = Vector128.FusedMultiplyAdd(x2, Vector128.Create(A13), Vector128.Create(A11));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A9));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A7));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A5));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A3));
        p = Vector128.FusedMultiplyAdd(x2, p, Vector128.Create(A1));
        Vector128<float> q = Vector128.FusedMultiplyAdd(x2, Vector128.Create(B6), Vector128.Create(B4));
        q = Vector128.FusedMultiplyAdd(x2, q, Vector128.Create(B2));
        q = Vector128.FusedMultiplyAdd(x2, q, Vector128.Create(B0));
        return x * p / q;
    }

    // e^u: u = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2), e^r = 1 + r·q(r) with q the Taylor
    // polynomial of (e^r − 1)/r to r^6 (truncation below 6e-9), 2^n put straight into the exponent bits; about
    // 2 ulp. u is clamped to [ExpMin, ExpMax], where 2^n stays a normal float (σ only needs e^u near those ends to
    // be tiny or huge); a NaN propagates through the polynomial.
    private const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f, ExpMin = -87.3f, ExpMax = 88f;
    private const float E2 = 1f / 2f, E3 = 1f / 6f, E4 = 1f / 24f, E5 = 1f / 120f, E6 = 1f / 720f, E7 = 1f / 5040f;

    // e^x − 1: below |x| = ExpM1Direct the reduction above has n = 0 and r = x, so x·q(x) gives it without the
    // cancellation of e^x − 1 near 0; above, the 2 ulp of e^x are below 5e-7 of |e^x − 1|.
    private const float ExpM1Direct = 0.34f;

    /// <summary>1 / (1 + e^−x) over 16 lanes (through exp, not tanh: ½ + ½·tanh(x/2) loses the relative accuracy where σ is small).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>1 / (1 + e^−x) over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    /// <summary>1 / (1 + e^−x) over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + Exp(-x));

    /// <summary>
    /// e^x over 16 lanes, within 1e-6 relative for x in [−87.3, 88]; the input is clamped to that range (so −∞ gives
    /// about 1.2e-38 rather than 0, and +∞ about 1.65e38 rather than ∞), a NaN gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> value)
    {
        Vector512<float> u = Vector512.Min(Vector512.Max(value, Vector512.Create(ExpMin)), Vector512.Create(ExpMax));
        Vector512<float> n = Vector512.Round(u * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), u));
        return Vector512.FusedMultiplyAdd(r, ExpTaylor(r), Vector512<float>.One) * Vector512.ShiftLeft(Vector512.ConvertToInt32Native(n) + Vector512.Create(127), 23).AsSingle();
    }

    /// <summary>e^x over 8 lanes, as the 16-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> value)
    {
        Vector256<float> u = Vector256.Min(Vector256.Max(value, Vector256.Create(ExpMin)), Vector256.Create(ExpMax));
        Vector256<float> n = Vector256.Round(u * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), u));
        return Vector256.FusedMultiplyAdd(r, ExpTaylor(r), Vector256<float>.One) * Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n) + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary>e^x over 4 lanes, as the 16-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> value)
    {
        Vector128<float> u = Vector128.Min(Vector128.Max(value, Vector128.Create(ExpMin)), Vector128.Create(ExpMax));
        Vector128<float> n = Vector128.Round(u * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Low), Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2High), u));
        return Vector128.FusedMultiplyAdd(r, ExpTaylor(r), Vector128<float>.One) * Vector128.ShiftLeft(Vector128.ConvertToInt32Native(n) + Vector128.Create(127), 23).AsSingle();
    }

    /// <summary>e^x − 1 over 16 lanes, within 1e-6 relative down to x = 0 (same clamp as <see cref="Exp(Vector512{float})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpM1(Vector512<float> x)
        => Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(ExpM1Direct)), x * ExpTaylor(x), Exp(x) - Vector512<float>.One);

    /// <summary>e^x − 1 over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpM1(Vector256<float> x)
        => Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(ExpM1Direct)), x * ExpTaylor(x), Exp(x) - Vector256<float>.One);

    /// <summary>e^x − 1 over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> ExpM1(Vector128<float> x)
        => Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(ExpM1Direct)), x * ExpTaylor(x), Exp(x) - Vector128<float>.One);

    /// <summary>q(r) = 1 + r/2! + … + r^6/7! ≈ (e^r − 1)/r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpTaylor(Vector512<float> r)
    {
        Vector512<float> p = Vector512.FusedMultiplyAdd(r, Vector512.Create(E7), Vector512.Create(E6));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(E5));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(E4));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(E3));
        p = Vector512.FusedMultiplyAdd(r, p, Vector512.Create(E2));
        return Vector512.FusedMultiplyAdd(r, p, Vector512<float>.One);
    }

    /// <summary>q(r) over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpTaylor(Vector256<float> r)
    {
        Vector256<float> p = Vector256.FusedMultiplyAdd(r, Vector256.Create(E7), Vector256.Create(E6));
        p = Vector256.FusedMultiplyAdd(r, p, Vector256.Create(E5));
        p = Vector256.FusedMultiplyAdd(r, p, Vector256.Create(E4));
        p = Vector256.FusedMultiplyAdd(r, p, Vector256.Create(E3));
        p = Vector256.FusedMultiplyAdd(r, p, Vector256.Create(E2));
        return Vector256.FusedMultiplyAdd(r, p, Vector256<float>.One);
    }

    /// <summary>q(r) over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpTaylor(Vector128<float> r)
    {
        Vector128<float> p = Vector128.FusedMultiplyAdd(r, Vector128.Create(E7), Vector128.Create(E6));
        p = Vector128.FusedMultiplyAdd(r, p, Vector128.Create(E5));
        p = Vector128.FusedMultiplyAdd(r, p, Vector128.Create(E4));
        p = Vector128.FusedMultiplyAdd(r, p, Vector128.Create(E3));
        p = Vector128.FusedMultiplyAdd(r, p, Vector128.Create(E2));
        return Vector128.FusedMultiplyAdd(r, p, Vector128<float>.One);
    }
}
