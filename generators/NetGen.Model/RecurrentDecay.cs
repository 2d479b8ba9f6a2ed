using System;

namespace NetGen.Model;

/// <summary>
/// How one recurrent layer's state gradient decays step by step back in time at initialisation. One step multiplies it by
/// a + κ·W_hhᵀ (up to diagonal gates) plus parts independent of W_hh: <paramref name="Memory"/> a the mean memory gate (0 for
/// a simple layer), <paramref name="Coupling"/> κ the mean path through W_hh (the candidate's block, for a gated layer) and
/// back into the state, <paramref name="Radius"/> r = σ_hh, the edge of W_hh's eigenvalue disk, and <paramref name="Noise"/>
/// e the mean square the independent parts add (a simple layer's whole typical gain). Over n steps the same W_hh acts
/// again and again: (a + κW)ⁿ = Σ_j C(n, j)·a^(n−j)·κʲ·Wʲ, and for i.i.d. weights E[vᵀ(Wⁱ)ᵀWʲv] is r^(2j) when i = j and
/// vanishes otherwise (W's phases are uniform), so E‖(a + κW)ⁿv‖² = Σ_j C(n, j)²·a^(2(n−j))·(κr)^(2j): the mean over θ of
/// |a + κr·e^(iθ)|^(2n), between the independent steps' (a² + κ²r²)ⁿ and the leading eigenvector's (a + κr)^(2n), which
/// it approaches as (a + κr)^(2n)/√n. e joins the independent part of each step. A simple layer (κ = 0): eⁿ.
/// </summary>
internal readonly record struct RecurrentDecay(double Memory, double Coupling, double Radius, double Noise)
{
    /// <summary>A simple recurrent layer's decay: the same typical factor every step.</summary>
    public static RecurrentDecay Simple(double gain) => new(0, 0, 0, gain);

    /// <summary>The long-run factor per step, (a + κr)² + e.</summary>
    public double Gain => Square(Memory + Coupling * Radius) + Noise;

    /// <summary>ln of the figure over k steps, for k = 0 … <paramref name="steps"/>.</summary>
    /// <remarks>
    /// The step's gain is A + B·cos θ, A = a² + κ²r² + e, B = 2aκr, and Laplace's integral for the Legendre polynomials gives
    /// the mean over θ of its k-th power exactly: (A² − B²)^(k/2)·P_k(A/√(A² − B²)), P_k by its three-term recurrence (on
    /// ratios, stable for arguments ≥ 1, and all k at once).
    /// </remarks>
    public double[] LogFigures(int steps)
    {
        double a = Square(Memory) + Square(Coupling * Radius) + Noise, b = 2 * Memory * Coupling * Radius;
        var logs = new double[steps + 1];
        if (b == 0)
        {
            for (int k = 1; k <= steps; k++) logs[k] = k * Math.Log(a);
            return logs;
        }
        double d = Math.Max(a * a - b * b, 1e-300 * a * a), x = a / Math.Sqrt(d), halfLogD = Math.Log(d) / 2;
        double logP = 0, ratio = x; // P_1/P_0
        for (int k = 1; k <= steps; k++)
        {
            logP += Math.Log(ratio);
            logs[k] = k * halfLogD + logP;
            ratio = ((2 * k + 1) * x - k / ratio) / (k + 1);
        }
        return logs;
    }

    private static double Square(double x) => x * x;
}
