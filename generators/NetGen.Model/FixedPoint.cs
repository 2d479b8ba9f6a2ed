using System;

namespace NetGen.Model;

/// <summary>The stationary second moments of the recurrent mean field: x = F(x), solved by Steffensen's method.</summary>
internal static class FixedPoint
{
    /// <summary>
    /// x = <paramref name="map"/>(x) from <paramref name="start"/>, to a relative 1e−10 (values at or above 1e12 are
    /// returned as they are: a diverging moment). Each round takes two steps of the map and Aitken's Δ² extrapolation from
    /// them — quadratic convergence where the plain iteration converges only as fast as F′ — and falls back to the second
    /// step when the extrapolation leaves [0, ∞) or is undefined. A mean field near its edge of chaos (F′ → 1) converges
    /// slowly either way: at most 100 rounds.
    /// </summary>
    public static double Solve(Func<double, double> map, double start)
    {
        double x = start;
        for (int round = 0; round < 100; round++)
        {
            double first = map(x);
            if (Converged(x, first) || first >= 1e12) return first;
            double second = map(first);
            if (Converged(first, second) || second >= 1e12) return second;
            double curvature = second - 2 * first + x;
            double next = curvature != 0 ? x - (first - x) * (first - x) / curvature : second;
            x = next >= 0 && !double.IsNaN(next) && !double.IsInfinity(next) ? next : second;
        }
        return x;
    }

    private static bool Converged(double x, double next) => Math.Abs(next - x) <= 1e-10 * Math.Max(1e-6, Math.Abs(next));
}
