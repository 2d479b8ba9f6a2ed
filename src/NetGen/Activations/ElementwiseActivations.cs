using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetGen.Numerics;

namespace NetGen.Activations;

/// <summary>Identity.</summary>
public readonly struct Linear : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => x;
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => x;
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => x;
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y) => Vector512<float>.One;
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => Vector256<float>.One;
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y) => Vector128<float>.One;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => 1f;
}

/// <summary>1 / (1 + e^−x).</summary>
public readonly struct Sigmoid : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y) => y * (Vector512<float>.One - y);
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => y * (Vector256<float>.One - y);
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y) => y * (Vector128<float>.One - y);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => 1f / (1f + MathF.Exp(-x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => y * (1f - y);
}

/// <summary>Hyperbolic tangent.</summary>
public readonly struct Tanh : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => VectorMath.Tanh(x);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => VectorMath.Tanh(x);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => VectorMath.Tanh(x);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y) => Vector512<float>.One - y * y;
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y) => Vector256<float>.One - y * y;
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y) => Vector128<float>.One - y * y;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => MathF.Tanh(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => 1f - y * y;
}

/// <summary>max(0, x), a NaN staying NaN as in PyTorch and the vector forms; the derivative at 0 is taken as 0, as PyTorch does.</summary>
public readonly struct Relu : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), Vector128<float>.One, Vector128<float>.Zero);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x <= 0f ? 0f : x;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : 0f;
}

/// <summary>x for x &gt; 0, <see cref="Slope"/>·x otherwise.</summary>
public readonly struct LeakyRelu : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * Slope);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * Slope);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * Slope);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create(Slope));
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create(Slope));
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), Vector128<float>.One, Vector128.Create(Slope));
    /// <summary>PyTorch's default negative slope.</summary>
    public const float Slope = ActivationCatalog.LeakyReluSlope;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? x : Slope * x;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : Slope;
}

/// <summary>
/// <see cref="Scale"/>·(max(0, x) + min(0, <see cref="Alpha"/>·(e^x − 1))), with torch.nn.SELU's constants; e^x − 1
/// is taken without the cancellation near 0, so small negative x keep their relative accuracy.
/// </summary>
public readonly struct Selu : IVectorActivation
{
    /// <summary>α of torch.nn.SELU.</summary>
    public const float Alpha = ActivationCatalog.SeluAlpha;
    /// <summary>λ (scale) of torch.nn.SELU.</summary>
    public const float Scale = ActivationCatalog.SeluScale;
    private const float ScaleAlpha = Scale * Alpha;

    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x * Scale, VectorMath.ExpM1(x) * ScaleAlpha);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x * Scale, VectorMath.ExpM1(x) * ScaleAlpha);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x * Scale, VectorMath.ExpM1(x) * ScaleAlpha);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512.Create(Scale), y + Vector512.Create(ScaleAlpha));
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256.Create(Scale), y + Vector256.Create(ScaleAlpha));
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), Vector128.Create(Scale), y + Vector128.Create(ScaleAlpha));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? Scale * x : ScaleAlpha * ExpM1(x);
    /// <summary>λ for x &gt; 0, y + λα = λα·e^x otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? Scale : y + ScaleAlpha;

    // e^x − 1 for x ≤ 0: x + x²/2 above −1e-5 (the next term is below 2e-11 relative), the double exp below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpM1(float x) => x > -1e-5f ? x * (1f + 0.5f * x) : (float)(Math.Exp(x) - 1.0);
}

/// <summary>x·σ(x), as torch.nn.SiLU (swish with β = 1).</summary>
public readonly struct Silu : IVectorActivation
{
    /// <inheritdoc/>
    public static Vector512<float> Apply(Vector512<float> x) => x * VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector256<float> Apply(Vector256<float> x) => x * VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector128<float> Apply(Vector128<float> x) => x * VectorMath.Sigmoid(x);
    /// <inheritdoc/>
    public static Vector512<float> Derivative(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> s = VectorMath.Sigmoid(x);
        return s * (Vector512<float>.One + x * (Vector512<float>.One - s));
    }
    /// <inheritdoc/>
    public static Vector256<float> Derivative(Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> s = VectorMath.Sigmoid(x);
        return s * (Vector256<float>.One + x * (Vector256<float>.One - s));
    }
    /// <inheritdoc/>
    public static Vector128<float> Derivative(Vector128<float> x, Vector128<float> y)
    {
        Vector128<float> s = VectorMath.Sigmoid(x);
        return s * (Vector128<float>.One + x * (Vector128<float>.One - s));
    }
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x / (1f + MathF.Exp(-x));
    /// <summary>σ(x)·(1 + x·(1 − σ(x))).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float x, float y)
    {
        float s = Sigmoid.Apply(x);
        return s * (1f + x * (1f - s));
    }
}

/// <summary>x for x &gt; 0, α·(e^x − 1) otherwise, α = 1.</summary>
public readonly struct Elu : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? x : MathF.Exp(x) - 1f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : y + 1f;
}

/// <summary>ln(1 + e^x), linear above 20 as PyTorch's threshold.</summary>
public readonly struct Softplus : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 20f ? x : MathF.Log(1f + MathF.Exp(x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 20f ? 1f : Sigmoid.Apply(x);
}
