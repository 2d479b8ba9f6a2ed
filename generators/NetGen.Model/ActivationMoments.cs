using System;

namespace NetGen.Model;

/// <summary>
/// The Gaussian moments mean-field theory needs for a pre-activation z ~ N(0, q): E[φ(z)²] (forward),
/// E[φ′(z)²] (backward), and E[φ(z)] (a residual sum's cross term); and, for two positions of a convolution's channel
/// whose pre-activations z, z′ have correlation c, E[φ(z)φ(z′)] and E[φ′(z)φ′(z′)] (what pooling averages, what
/// a weight shared over positions sums). Closed forms for the piecewise-linear activations (φ(x) = x or a·x) and the
/// exponential-linear one (SELU: λx, λα(eˣ − 1)), Gauss–Hermite quadrature of the catalog's φ and φ′ for the other
/// curved ones.
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

    /// <summary>Hermite terms summed exactly by <see cref="MeanProduct"/> and <see cref="DerivativeMeanProduct"/>; the rest is bounded by the total.</summary>
    private const int SeriesTerms = 8;

    /// <summary>
    /// E[φ(z)φ(z′)] for z, z′ ~ N(0, q) with correlation c. Piecewise-linear φ = e·x + o·|x| (e = (1 + a)/2, o = (1 − a)/2):
    /// q·(e²c + o²·(2/π)(√(1 − c²) + c·asin c)) (the arc-cosine kernel). Otherwise Mehler's expansion Σ a_n²cⁿ over the
    /// normalised Hermite coefficients a_n of φ(√q·ζ), the terms past <see cref="SeriesTerms"/> taken together as
    /// (E[φ²] − Σ a_n²)·c^(N+1), which is exact at c = 0 and c = 1.
    /// </summary>
    public static double MeanProduct(Activation activation, double q, double c)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        c = Math.Max(-1, Math.Min(1, c));
        if (info.NegativeSlope is double a)
        {
            double even = (1 + a) / 2, odd = (1 - a) / 2;
            return q * (even * even * c + odd * odd * 2 / Math.PI * (Math.Sqrt(1 - c * c) + c * Math.Asin(c)));
        }
        return Mehler(HermiteCoefficients(info, q, SeriesTerms), c, MeanSquare(activation, q));
    }

    /// <summary>
    /// E[φ′(z)φ′(z′)] for z, z′ ~ N(0, q) with correlation c: e² + o²·(2/π)·asin c for piecewise-linear φ; otherwise
    /// Mehler's expansion over φ′'s Hermite coefficients, b_n = a_(n+1)·√((n+1)/q) by Stein's lemma (so that a step in φ′,
    /// SELU's at 0, costs the quadrature nothing), the tail as in <see cref="MeanProduct"/>.
    /// </summary>
    public static double DerivativeMeanProduct(Activation activation, double q, double c)
    {
        ActivationInfo info = ActivationCatalog.Of(activation);
        c = Math.Max(-1, Math.Min(1, c));
        if (info.NegativeSlope is double a)
        {
            double even = (1 + a) / 2, odd = (1 - a) / 2;
            return even * even + odd * odd * 2 / Math.PI * Math.Asin(c);
        }
        // Below this q, φ′(z) is φ′(0) wherever z falls: the derivatives at two positions are the same number.
        if (q < 1e-12) return DerivativeMeanSquare(activation, q);
        double[] coefficients = HermiteCoefficients(info, q, SeriesTerms + 1);
        var derivative = new double[SeriesTerms + 1];
        for (int n = 0; n <= SeriesTerms; n++) derivative[n] = coefficients[n + 1] * Math.Sqrt((n + 1) / q);
        return Mehler(derivative, c, DerivativeMeanSquare(activation, q));
    }

    /// <summary>
    /// a_n = E[φ(√q·ζ)·He_n(ζ)]/√(n!) for n = 0…<paramref name="last"/> (He: the probabilists' Hermite polynomials);
    /// φ(0) is taken out of the integrand for n ≥ 1, where it integrates to zero, so that a small q loses nothing to cancellation.
    /// </summary>
    private static double[] HermiteCoefficients(ActivationInfo info, double q, int last)
    {
        double root = Math.Sqrt(q), origin = info.Value(0);
        var coefficients = new double[last + 1];
        coefficients[0] = GaussHermite.Expectation(z => info.Value(root * z));
        for (int n = 1; n <= last; n++)
        {
            int order = n;
            coefficients[n] = GaussHermite.Expectation(z => (info.Value(root * z) - origin) * Hermite(order, z)) / Math.Sqrt(Factorial(n));
        }
        return coefficients;
    }

    /// <summary>Σ_(n≤N) b_n²·cⁿ + (total − Σ b_n²)·c^(N+1): total = Σ over every n, E[f(ζ)²].</summary>
    private static double Mehler(double[] coefficients, double c, double total)
    {
        double sum = 0, squares = 0, power = 1;
        foreach (double coefficient in coefficients)
        {
            sum += coefficient * coefficient * power;
            squares += coefficient * coefficient;
            power *= c;
        }
        return sum + Math.Max(0, total - squares) * power;
    }

    /// <summary>He_n(x) by the recurrence He_(k+1) = x·He_k − k·He_(k−1).</summary>
    private static double Hermite(int n, double x)
    {
        double previous = 1, current = x;
        if (n == 0) return previous;
        for (int k = 1; k < n; k++)
        {
            double next = x * current - k * previous;
            previous = current;
            current = next;
        }
        return current;
    }

    private static double Factorial(int n)
    {
        double product = 1;
        for (int k = 2; k <= n; k++) product *= k;
        return product;
    }

    /// <summary>The expected share of saturated units, P(|z| &gt; threshold) = erfc(threshold/√(2q)); 0 for activations that do not saturate.</summary>
    public static double SaturatedFraction(Activation activation, double q)
    {
        double threshold = ActivationCatalog.Of(activation).SaturationThreshold;
        return double.IsInfinity(threshold) ? 0 : ActivationCatalog.Erfc(threshold / Math.Sqrt(2 * q));
    }

    private static double Square(double x) => x * x;
}
