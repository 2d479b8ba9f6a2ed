using System;

namespace NetGen.Model;

/// <summary>
/// The Gaussian moments mean-field theory needs for a pre-activation z ~ N(0, q): E[φ(z)²] (forward),
/// E[φ′(z)²] (backward), and E[φ(z)] (a residual sum's cross term). Closed forms for linear and the ReLU family's
/// piecewise-linear members; quadrature for the curved ones.
/// </summary>
internal static class ActivationMoments
{
    private const double LeakySlope = 0.01;

    public static double MeanSquare(ActivationKind activation, double q) => activation switch
    {
        ActivationKind.Linear => q,
        ActivationKind.Relu => q / 2,
        ActivationKind.LeakyRelu => q * (1 + LeakySlope * LeakySlope) / 2,
        _ => GaussHermite.Expectation(z => Square(Value(activation, Math.Sqrt(q) * z))),
    };

    public static double Mean(ActivationKind activation, double q) => activation switch
    {
        ActivationKind.Linear => 0,
        ActivationKind.Relu => Math.Sqrt(q / (2 * Math.PI)),
        ActivationKind.LeakyRelu => (1 - LeakySlope) * Math.Sqrt(q / (2 * Math.PI)),
        _ => GaussHermite.Expectation(z => Value(activation, Math.Sqrt(q) * z)),
    };

    public static double DerivativeMeanSquare(ActivationKind activation, double q) => activation switch
    {
        ActivationKind.Linear => 1,
        ActivationKind.Relu => 0.5,
        ActivationKind.LeakyRelu => (1 + LeakySlope * LeakySlope) / 2,
        _ => GaussHermite.Expectation(z => Square(Derivative(activation, Math.Sqrt(q) * z))),
    };

    /// <summary>The fraction of units with |z| &gt; 5, where sigmoid and tanh are saturated: P(|ζ| &gt; 5/√q).</summary>
    public static double SaturatedFraction(ActivationKind activation, double q)
        => ActivationFacts.IsSaturating(activation) ? Erfc(5 / Math.Sqrt(2 * q)) : 0;

    private static double Value(ActivationKind activation, double x) => activation switch
    {
        ActivationKind.Sigmoid => Sigmoid(x),
        ActivationKind.Tanh => Math.Tanh(x),
        ActivationKind.Elu => x > 0 ? x : Math.Exp(x) - 1,
        ActivationKind.Gelu => x * NormalCdf(x),
        ActivationKind.Softplus => x > 20 ? x : Math.Log(1 + Math.Exp(x)),
        ActivationKind.Relu => Math.Max(x, 0),
        ActivationKind.LeakyRelu => x > 0 ? x : LeakySlope * x,
        _ => x,
    };

    private static double Derivative(ActivationKind activation, double x) => activation switch
    {
        ActivationKind.Sigmoid => Sigmoid(x) * (1 - Sigmoid(x)),
        ActivationKind.Tanh => 1 - Square(Math.Tanh(x)),
        ActivationKind.Elu => x > 0 ? 1 : Math.Exp(x),
        ActivationKind.Gelu => NormalCdf(x) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI),
        ActivationKind.Softplus => Sigmoid(x),
        ActivationKind.Relu => x > 0 ? 1 : 0,
        ActivationKind.LeakyRelu => x > 0 ? 1 : LeakySlope,
        _ => 1,
    };

    private static double Square(double x) => x * x;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>erfc by Numerical Recipes' Chebyshev fit (relative error below 1.2e-7, plenty for a prediction).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double result = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? result : 2 - result;
    }
}
