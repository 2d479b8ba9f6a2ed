using System;

namespace NetGen.Model;

/// <summary>
/// The Gaussian moments mean-field theory needs for a pre-activation z ~ N(0, q): E[φ(z)²] (forward),
/// E[φ′(z)²] (backward), and E[φ(z)] (a residual sum's cross term). Closed forms for the piecewise-linear
/// activations (φ(x) = x or a·x), Gauss–Hermite quadrature of the catalog's φ and φ′ for the curved ones.
/// </summary>
internal static class ActivationMoments
{
    public static double MeanSquare(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        return info.NegativeSlope is double a ? q * (1 + a * a) / 2 : GaussHermite.Expectation(z => Square(info.Value(Math.Sqrt(q) * z)));
    }

    public static double Mean(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        return info.NegativeSlope is double a ? (1 - a) * Math.Sqrt(q / (2 * Math.PI)) : GaussHermite.Expectation(z => info.Value(Math.Sqrt(q) * z));
    }

    public static double DerivativeMeanSquare(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        return info.NegativeSlope is double a ? (1 + a * a) / 2 : GaussHermite.Expectation(z => Square(info.Derivative(Math.Sqrt(q) * z)));
    }

    /// <summary>The expected share of saturated units, P(|z| &gt; threshold) = erfc(threshold/√(2q)); 0 for activations that do not saturate.</summary>
    public static double SaturatedFraction(Activation activation, double q)
    {
        double threshold = ActivationCatalog.Of(activation).SaturationThreshold;
        return double.IsInfinity(threshold) ? 0 : ActivationCatalog.Erfc(threshold / Math.Sqrt(2 * q));
    }

    private static double Square(double x) => x * x;
}
