using System;
using NetGen.Numerics;

namespace NetGen;

public sealed partial class Rbm
{
    /// <summary>
    /// The free energy F(v) = −log Σ_h e^−E(v, h), so that p(v) ∝ e^−F(v): −bᵀv − Σ_j softplus(c_j + W_j·v) for binary
    /// visible units, ½‖v − b‖² − Σ_j softplus(c_j + W_j·v) for Gaussian ones. Summed in double precision.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="visible"/> does not hold exactly one sample.</exception>
    public double FreeEnergy(ReadOnlySpan<float> visible)
    {
        Rows.Check(visible.Length, VisibleCount, 1, nameof(visible));
        var preActivation = new float[HiddenCount];
        PreActivation(visible, preActivation);
        double energy = 0;
        for (int i = 0; i < VisibleCount; i++)
            energy += VisibleUnits == RbmVisibleUnits.Bernoulli
                ? -_visibleBias[i] * (double)visible[i]
                : 0.5 * ((double)visible[i] - _visibleBias[i]) * ((double)visible[i] - _visibleBias[i]);
        foreach (float z in preActivation) energy -= Softplus(z);
        return energy;
    }

    /// <summary>
    /// The log pseudo-likelihood Σ_i log p(v_i | v_−i) = Σ_i log σ(F(ṽ⁽ⁱ⁾) − F(v)), where ṽ⁽ⁱ⁾ is v with unit i flipped
    /// (v_i → 1 − v_i), averaged over <paramref name="count"/> samples. Exact: every unit is flipped, not one at random
    /// as scikit-learn's estimate does, which costs one pass over W per sample. Binary visible units only; grey values in
    /// [0, 1] are flipped the same way, as scikit-learn does.
    /// </summary>
    /// <exception cref="InvalidOperationException">The visible units are Gaussian.</exception>
    /// <exception cref="ArgumentException"><paramref name="visible"/> does not hold exactly <paramref name="count"/> rows.</exception>
    public double PseudoLikelihood(ReadOnlySpan<float> visible, int count)
    {
        if (VisibleUnits != RbmVisibleUnits.Bernoulli)
            throw new InvalidOperationException("The pseudo-likelihood is defined here for binary (Bernoulli) visible units only; monitor Gaussian RBMs with ReconstructionError.");
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        var preActivation = new float[HiddenCount];
        double total = 0;
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> v = visible.Slice(r * VisibleCount, VisibleCount);
            PreActivation(v, preActivation);
            for (int i = 0; i < VisibleCount; i++)
            {
                // Flipping unit i moves every pre-activation by W_ji·Δ: F(ṽ) − F(v) needs no second pass over W.
                double change = 1.0 - 2.0 * v[i];
                double energyGap = -_visibleBias[i] * change;
                for (int j = 0; j < HiddenCount; j++)
                {
                    double z = preActivation[j];
                    energyGap -= Softplus(z + _weights[j * VisibleCount + i] * change) - Softplus(z);
                }
                total -= Softplus(-energyGap); // log σ(x) = −softplus(−x)
            }
        }
        return total / count;
    }

    /// <summary>
    /// The mean squared difference, over every value of <paramref name="count"/> samples, between each sample and its
    /// mean-field reconstruction E[v | p(h | v)]: a cheap, noisy monitor of training (it is not what CD minimises).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="visible"/> does not hold exactly <paramref name="count"/> rows.</exception>
    public double ReconstructionError(ReadOnlySpan<float> visible, int count)
    {
        Rows.Check(visible.Length, VisibleCount, count, nameof(visible));
        var hidden = new float[count * HiddenCount];
        var reconstruction = new float[count * VisibleCount];
        HiddenProbabilities(visible, hidden, count);
        VisibleMeans(hidden, reconstruction, count);
        double sum = 0;
        for (int i = 0; i < reconstruction.Length; i++)
        {
            double difference = (double)reconstruction[i] - visible[i];
            sum += difference * difference;
        }
        return sum / reconstruction.Length;
    }

    private void PreActivation(ReadOnlySpan<float> visible, Span<float> preActivation)
    {
        _hiddenBias.CopyTo(preActivation);
        Kernels.MatrixVectorAdd(_weights, visible, preActivation);
    }

    // log(1 + e^x) without overflow for large x or loss of precision for very negative x.
    private static double Softplus(double x) => x > 0 ? x + Math.Log(1.0 + Math.Exp(-x)) : Math.Log(1.0 + Math.Exp(x));
}
