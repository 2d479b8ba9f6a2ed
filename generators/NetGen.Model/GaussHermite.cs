using System;

namespace NetGen.Model;

/// <summary>
/// Expectations over a standard normal, E[f(ζ)], by 64-point Gauss–Hermite quadrature (nodes found by
/// Newton's method on the Hermite recurrence, as in Numerical Recipes' gauher). Exact for polynomials
/// up to degree 127; for the smooth activations here the error is far below what the analyzer needs.
/// </summary>
internal static class GaussHermite
{
    public const int Points = 64;

    private static readonly double[] Nodes = new double[Points];   // ζ_i for the standard normal
    private static readonly double[] Weights = new double[Points]; // sum to 1

    static GaussHermite()
    {
        // Roots x_i of the physicists' Hermite polynomial H_n with weights for ∫ e^{−x²} f(x) dx;
        // E[f(ζ)] = Σ w_i/√π · f(√2·x_i).
        const double PiToMinusQuarter = 0.7511255444649425;
        int n = Points, half = (n + 1) / 2;
        double z = 0;
        for (int i = 0; i < half; i++)
        {
            z = i switch
            {
                0 => Math.Sqrt(2.0 * n + 1) - 1.85575 * Math.Pow(2.0 * n + 1, -0.16667),
                1 => z - 1.14 * Math.Pow(n, 0.426) / z,
                2 => 1.86 * z - 0.86 * Nodes[0] / Math.Sqrt(2),
                3 => 1.91 * z - 0.91 * Nodes[1] / Math.Sqrt(2),
                _ => 2.0 * z - Nodes[i - 2] / Math.Sqrt(2),
            };
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p1 = PiToMinusQuarter, p2 = 0;
                for (int j = 0; j < n; j++)
                {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.Sqrt(2.0 / (j + 1)) * p2 - Math.Sqrt((double)j / (j + 1)) * p3;
                }
                derivative = Math.Sqrt(2.0 * n) * p2;
                double previous = z;
                z = previous - p1 / derivative;
                if (Math.Abs(z - previous) <= 1e-14) break;
            }
            double weight = 2.0 / (derivative * derivative) / Math.Sqrt(Math.PI);
            Nodes[i] = z * Math.Sqrt(2);
            Nodes[n - 1 - i] = -z * Math.Sqrt(2);
            Weights[i] = Weights[n - 1 - i] = weight;
        }
    }

    /// <summary>E[f(ζ)] for ζ ~ N(0, 1).</summary>
    public static double Expectation(Func<double, double> f)
    {
        double sum = 0;
        for (int i = 0; i < Points; i++) sum += Weights[i] * f(Nodes[i]);
        return sum;
    }

    /// <summary>The i-th node ζ_i, for expectations that need several sums over one grid of nodes.</summary>
    public static double Node(int i) => Nodes[i];

    /// <summary>The i-th weight (the weights sum to 1).</summary>
    public static double Weight(int i) => Weights[i];
}
