using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Numerics;

/// <summary>
/// Vectorised tanh and sigmoid on top of the runtime's vector exp (relative error about 1.5e-7).
/// Measured bounds against double precision over [−20, 20] (see VectorMathTests): relative error below 1e-6
/// for both, where |tanh x| and σ(x) exceed 1e-30.
/// </summary>
public static class VectorMath
{
    // Below |x| = 0.4, tanh by its odd Taylor series to x^13 (truncation below 2e-9 relative): the exp form
    // 1 − 2/(e^{2x} + 1) cancels there.
    private const float SeriesLimit = 0.4f;
    private const float C3 = -1f / 3f, C5 = 2f / 15f, C7 = -17f / 315f, C9 = 62f / 2835f, C11 = -1382f / 155925f, C13 = 21844f / 6081075f;

    /// <summary>tanh over 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> magnitude = Vector512.Abs(x), square = x * x;
        Vector512<float> series = x + x * square * (Vector512.Create(C3) + square * (Vector512.Create(C5) + square * (Vector512.Create(C7)
            + square * (Vector512.Create(C9) + square * (Vector512.Create(C11) + square * Vector512.Create(C13))))));
        Vector512<float> exponential = Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(magnitude + magnitude) + Vector512<float>.One);
        Vector512<float> signed = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -exponential, exponential);
        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(SeriesLimit)), series, signed);
    }

    /// <summary>tanh over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> magnitude = Vector256.Abs(x), square = x * x;
        Vector256<float> series = x + x * square * (Vector256.Create(C3) + square * (Vector256.Create(C5) + square * (Vector256.Create(C7)
            + square * (Vector256.Create(C9) + square * (Vector256.Create(C11) + square * Vector256.Create(C13))))));
        Vector256<float> exponential = Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(magnitude + magnitude) + Vector256<float>.One);
        Vector256<float> signed = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -exponential, exponential);
        return Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(SeriesLimit)), series, signed);
    }

    /// <summary>1 / (1 + e^−x) over 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <summary>1 / (1 + e^−x) over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));
}
