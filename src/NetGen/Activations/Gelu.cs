using System;
using System.Runtime.CompilerServices;

namespace NetGen.Activations;

/// <summary>x·Φ(x) with the exact (erf) normal CDF, as PyTorch's default <c>approximate='none'</c>.</summary>
public readonly struct Gelu : IActivation
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x) => (float)(x * 0.5 * (1.0 + Erf(x * InverseSqrt2)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Derivative(float x, float y)
        => (float)(0.5 * (1.0 + Erf(x * InverseSqrt2)) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x));

    /// <summary>erf(x), absolute error below 1.2e-7 (about two float ulps near 1, all a float activation can use; .NET has no Math.Erf).</summary>
    public static double Erf(double x) => ActivationCatalog.Erf(x);
}
