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

    /// <summary>ln of the figure over k steps for k = 0, stride, 2·stride, … count·stride.</summary>
    /// <remarks>
    /// The step's gain is A + B·cos θ, A = a² + κ²r² + e, B = 2aκr, and Laplace's integral for the Legendre polynomials gives
    /// the mean over θ of its k-th power exactly: (A² − B²)^(k/2)·P_k(A/√(A² − B²)), P_k by its three-term recurrence (on
    /// ratios, stable for arguments ≥ 1). Beyond <see cref="ExactSteps"/> steps, so that no sequence length costs more than
    /// that, the uniform asymptotic form (A + B)^k·e^(−z)·I₀(z), z = kB/(A + B) (exact to first order in B/(A + B) per
    /// step, and Laplace's method's (A + B)^k/√(2πz) for large z), joined to the exact value at <see cref="ExactSteps"/>.
    /// </remarks>
    public double[] LogFigures(int stride, int count)
    {
        double a = Square(Memory) + Square(Coupling * Radius) + Noise, b = 2 * Memory * Coupling * Radius;
        var logs = new double[count + 1];
        if (b == 0)
        {
            double logGain = Math.Log(a);
            for (int j = 1; j <= count; j++) logs[j] = (double)j * stride * logGain;
            return logs;
        }
        double d = Math.Max(a * a - b * b, 1e-300 * a * a), x = a / Math.Sqrt(d), halfLogD = Math.Log(d) / 2;
        long last = Math.Min((long)count * stride, ExactSteps);
        double logP = 0, ratio = x, logAt = 0; // ratio = P_(k+1)/P_k
        for (int k = 1; k <= last; k++)
        {
            logP += Math.Log(ratio);
            logAt = k * halfLogD + logP;
            if (k % stride == 0) logs[k / stride] = logAt;
            ratio = ((2 * k + 1) * x - k / ratio) / (k + 1);
        }
        double logPeak = Math.Log(a + b), share = b / (a + b);
        double Asymptotic(double k) => k * logPeak + LogScaledBessel(k * share);
        double join = logAt - Asymptotic(last);
        for (long j = last / stride + 1; j <= count; j++) logs[j] = Asymptotic((double)j * stride) + join;
        return logs;
    }

    /// <summary>Up to this many steps the figure is summed exactly; beyond, the asymptotic form takes over.</summary>
    public const int ExactSteps = 4096;

    /// <summary>ln(e^(−z)·I₀(z)) for z ≥ 0: the power series below 15, the asymptotic series above.</summary>
    private static double LogScaledBessel(double z)
    {
        if (z >= 15)
        {
            double inverse = 1 / z;
            return -0.5 * Math.Log(2 * Math.PI * z) + Math.Log(1 + inverse * (1.0 / 8 + inverse * (9.0 / 128 + inverse * 225.0 / 3072)));
        }
        double quarter = z * z / 4, term = 1, sum = 1;
        for (int m = 1; term > 1e-17 * sum; m++)
        {
            term *= quarter / ((double)m * m);
            sum += term;
        }
        return Math.Log(sum) - z;
    }

    private static double Square(double x) => x * x;
}
