using System;

namespace NetGen.Model;

/// <summary>
/// The Gaussian moments mean-field theory needs for a pre-activation z ~ N(0, q): E[φ(z)²] (forward),
/// E[φ′(z)²] (backward), and E[φ(z)] (a residual sum's cross term). Closed forms for the piecewise-linear
/// activations (φ(x) = x or a·x) and the exponential-linear one (SELU: λx, λα(eˣ − 1)), Gauss–Hermite quadrature
/// of the catalog's φ and φ′ for the other curved ones.
/// </summary>
internal static class ActivationMoments
{
    public static double MeanSquare(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        if (info.NegativeSlope is double a) return q * (1 + a * a) / 2;
        if (info.ExponentialLinear is (double scale, double alpha))
            return scale * scale * (q / 2 + alpha * alpha * (ExponentialMinusOne(2, q) - 2 * ExponentialMinusOne(1, q)));
        return GaussHermite.Expectation(z => Square(info.Value(Math.Sqrt(q) * z)));
    }

    public static double Mean(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        if (info.NegativeSlope is double a) return (1 - a) * Math.Sqrt(q / (2 * Math.PI));
        if (info.ExponentialLinear is (double scale, double alpha))
            return scale * (Math.Sqrt(q / (2 * Math.PI)) + alpha * ExponentialMinusOne(1, q));
        return GaussHermite.Expectation(z => info.Value(Math.Sqrt(q) * z));
    }

    public static double DerivativeMeanSquare(Activation activation, double q)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        if (info.NegativeSlope is double a) return (1 + a * a) / 2;
        if (info.ExponentialLinear is (double scale, double alpha))
            return scale * scale * (0.5 + alpha * alpha * Exponential(2, q));
        return GaussHermite.Expectation(z => Square(info.Derivative(Math.Sqrt(q) * z)));
    }

    /// <summary>E[e^(k·z); z &lt; 0] for z ~ N(0, q): e^(k²q/2)·Φ(−k√q) = erfcx(k·√(q/2))/2, finite for any q.</summary>
    private static double Exponential(double k, double q) => ActivationCatalog.ErfcScaled(k * Math.Sqrt(q / 2)) / 2;

    /// <summary>
    /// E[e^(k·z) − 1; z &lt; 0] for z ~ N(0, q). For q ≤ 1 by its power series in s = k√q, ½·Σ_{n≥1} (−s)ⁿ·E|ζ|ⁿ/n!
    /// (E|ζ|ⁿ/n! = a_n with a_0 = 1, a_1 = √(2/π), a_n = a_{n−2}/n): the closed form <see cref="Exponential"/> − ½ would
    /// lose to cancellation what the moments of a small q are made of (E[φ²] ∝ q). Beyond, the closed form.
    /// </summary>
    private static double ExponentialMinusOne(double k, double q)
    {
        if (q > 1) return Exponential(k, q) - 0.5;
        double s = -k * Math.Sqrt(q), sum = 0, previous = 1, current = Math.Sqrt(2 / Math.PI), power = 1;
        for (int n = 1; n <= 200; n++)
        {
            power *= s;
            double term = power * current;
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum)) break;
            double next = previous / (n + 1);
            previous = current;
            current = next;
        }
        return sum / 2;
    }

    /// <summary>The expected share of saturated units, P(|z| &gt; threshold) = erfc(threshold/√(2q)); 0 for activations that do not saturate.</summary>
    public static double SaturatedFraction(Activation activation, double q)
    {
        double threshold = ActivationCatalog.Of(activation).SaturationThreshold;
        return double.IsInfinity(threshold) ? 0 : ActivationCatalog.Erfc(threshold / Math.Sqrt(2 * q));
    }

    private static double Square(double x) => x * x;
}
