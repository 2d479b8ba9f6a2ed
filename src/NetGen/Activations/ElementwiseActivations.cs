using System;
using System.Runtime.CompilerServices;

namespace NetGen.Activations;

/// <summary>Identity.</summary>
public readonly struct Linear : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => 1f;
    /// <inheritdoc/>
    public static bool IsSaturating => false;
}

/// <summary>1 / (1 + e^−x).</summary>
public readonly struct Sigmoid : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => 1f / (1f + MathF.Exp(-x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => y * (1f - y);
    /// <inheritdoc/>
    public static bool IsSaturating => true;
}

/// <summary>Hyperbolic tangent.</summary>
public readonly struct Tanh : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => MathF.Tanh(x);
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => 1f - y * y;
    /// <inheritdoc/>
    public static bool IsSaturating => true;
}

/// <summary>max(0, x); the derivative at 0 is taken as 0, as PyTorch does.</summary>
public readonly struct Relu : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? x : 0f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : 0f;
    /// <inheritdoc/>
    public static bool IsSaturating => false;
}

/// <summary>x for x &gt; 0, <see cref="Slope"/>·x otherwise.</summary>
public readonly struct LeakyRelu : IActivation
{
    /// <summary>PyTorch's default negative slope.</summary>
    public const float Slope = 0.01f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? x : Slope * x;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : Slope;
    /// <inheritdoc/>
    public static bool IsSaturating => false;
}

/// <summary>x for x &gt; 0, α·(e^x − 1) otherwise, α = 1.</summary>
public readonly struct Elu : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 0f ? x : MathF.Exp(x) - 1f;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 0f ? 1f : y + 1f;
    /// <inheritdoc/>
    public static bool IsSaturating => false;
}

/// <summary>ln(1 + e^x), linear above 20 as PyTorch's threshold.</summary>
public readonly struct Softplus : IActivation
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Apply(float x) => x > 20f ? x : MathF.Log(1f + MathF.Exp(x));
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Derivative(float x, float y) => x > 20f ? 1f : Sigmoid.Apply(x);
    /// <inheritdoc/>
    public static bool IsSaturating => false;
}
