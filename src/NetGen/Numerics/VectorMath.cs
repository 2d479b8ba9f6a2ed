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
    public static Vector512<float> Tanh(Vector512<float> value) => Tanh<Width512, Vector512<float>>(value);

    /// <summary>tanh over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> value) => Tanh<Width256, Vector256<float>>(value);

    /// <summary>tanh over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> value) => Tanh<Width128, Vector128<float>>(value);

    /// <summary>tanh at any width: the rational approximation on the clamped input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TLanes, TVector>(TVector value) where TLanes : IVectorLanes<TVector>
    {
        TVector limit = TLanes.Create(Clamp);
        TVector x = TLanes.SelectWhereGreater(TLanes.Abs(value), limit, TLanes.CopySign(limit, value), value);
        TVector x2 = TLanes.Multiply(x, x);
        TVector p = TLanes.MultiplyAdd(x2, TLanes.Create(A13), TLanes.Create(A11));
        p = TLanes.MultiplyAdd(x2, p, TLanes.Create(A9));
        p = TLanes.MultiplyAdd(x2, p, TLanes.Create(A7));
        p = TLanes.MultiplyAdd(x2, p, TLanes.Create(A5));
        p = TLanes.MultiplyAdd(x2, p, TLanes.Create(A3));
        p = TLanes.MultiplyAdd(x2, p, TLanes.Create(A1));
        TVector q = TLanes.MultiplyAdd(x2, TLanes.Create(B6), TLanes.Create(B4));
        q = TLanes.MultiplyAdd(x2, q, TLanes.Create(B2));
        q = TLanes.MultiplyAdd(x2, q, TLanes.Create(B0));
        return TLanes.Divide(TLanes.Multiply(x, p), q);
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
    public static Vector512<float> Sigmoid(Vector512<float> x) => Sigmoid<Width512, Vector512<float>>(x);

    /// <summary>1 / (1 + e^−x) over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Sigmoid<Width256, Vector256<float>>(x);

    /// <summary>1 / (1 + e^−x) over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Sigmoid<Width128, Vector128<float>>(x);

    /// <summary>σ at any width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Sigmoid<TLanes, TVector>(TVector x) where TLanes : IVectorLanes<TVector>
        => TLanes.Divide(TLanes.Create(1f), TLanes.Add(TLanes.Create(1f), Exp<TLanes, TVector>(TLanes.Negate(x))));

    /// <summary>
    /// σ(2h) = ½ + ½·tanh(h) over 16 lanes: the gates of the inference form's LSTM and GRU steps, whose σ rows are packed
    /// halved (exact in float) so that the gates cost one tanh each and no exp. Within about 2e-7 absolute, what a gate
    /// (a factor in [0, 1]) needs, but not <see cref="Sigmoid(Vector512{float})"/>'s relative accuracy where σ is tiny.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GateOfHalf(Vector512<float> half) => GateOfHalf<Width512, Vector512<float>>(half);

    /// <summary>σ(2h) over 8 lanes, as the 16-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GateOfHalf(Vector256<float> half) => GateOfHalf<Width256, Vector256<float>>(half);

    /// <summary>σ(2h) on one value, as the 16-lane form.</summary>
    public static float GateOfHalf(float half) => 0.5f + 0.5f * System.MathF.Tanh(half);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector GateOfHalf<TLanes, TVector>(TVector half) where TLanes : IVectorLanes<TVector>
        => TLanes.MultiplyAdd(Tanh<TLanes, TVector>(half), TLanes.Create(0.5f), TLanes.Create(0.5f));

    /// <summary>
    /// e^x over 16 lanes, within 1e-6 relative for x in [−87.3, 88]; the input is clamped to that range (so −∞ gives
    /// about 1.2e-38 rather than 0, and +∞ about 1.65e38 rather than ∞), a NaN gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> value) => Exp<Width512, Vector512<float>>(value);

    /// <summary>e^x over 8 lanes, as the 16-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> value) => Exp<Width256, Vector256<float>>(value);

    /// <summary>e^x over 4 lanes, as the 16-lane form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> value) => Exp<Width128, Vector128<float>>(value);

    /// <summary>e^x at any width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Exp<TLanes, TVector>(TVector value) where TLanes : IVectorLanes<TVector>
    {
        TVector u = TLanes.Min(TLanes.Max(value, TLanes.Create(ExpMin)), TLanes.Create(ExpMax));
        TVector n = TLanes.Round(TLanes.Multiply(u, TLanes.Create(Log2E)));
        TVector r = TLanes.MultiplyAdd(n, TLanes.Create(-Ln2Low), TLanes.MultiplyAdd(n, TLanes.Create(-Ln2High), u));
        return TLanes.Multiply(TLanes.MultiplyAdd(r, ExpTaylor<TLanes, TVector>(r), TLanes.Create(1f)), TLanes.PowerOfTwo(n));
    }

    /// <summary>e^x − 1 over 16 lanes, within 1e-6 relative down to x = 0 (same clamp as <see cref="Exp(Vector512{float})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpM1(Vector512<float> x) => ExpM1<Width512, Vector512<float>>(x);

    /// <summary>e^x − 1 over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpM1(Vector256<float> x) => ExpM1<Width256, Vector256<float>>(x);

    /// <summary>e^x − 1 over 4 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> ExpM1(Vector128<float> x) => ExpM1<Width128, Vector128<float>>(x);

    /// <summary>e^x − 1 at any width: x·q(x) near 0, e^x − 1 beyond.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpM1<TLanes, TVector>(TVector x) where TLanes : IVectorLanes<TVector>
        => TLanes.SelectWhereGreater(TLanes.Create(ExpM1Direct), TLanes.Abs(x), TLanes.Multiply(x, ExpTaylor<TLanes, TVector>(x)), TLanes.Subtract(Exp<TLanes, TVector>(x), TLanes.Create(1f)));

    /// <summary>q(r) = 1 + r/2! + … + r^6/7! ≈ (e^r − 1)/r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpTaylor<TLanes, TVector>(TVector r) where TLanes : IVectorLanes<TVector>
    {
        TVector p = TLanes.MultiplyAdd(r, TLanes.Create(E7), TLanes.Create(E6));
        p = TLanes.MultiplyAdd(r, p, TLanes.Create(E5));
        p = TLanes.MultiplyAdd(r, p, TLanes.Create(E4));
        p = TLanes.MultiplyAdd(r, p, TLanes.Create(E3));
        p = TLanes.MultiplyAdd(r, p, TLanes.Create(E2));
        return TLanes.MultiplyAdd(r, p, TLanes.Create(1f));
    }
}
