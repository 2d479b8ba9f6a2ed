namespace NetGen;

/// <summary>The distribution of an <see cref="Rbm"/>'s visible units given its hidden units.</summary>
public enum RbmVisibleUnits
{
    /// <summary>Binary units, p(v_i = 1 | h) = σ(b_i + Σ_j W_ji·h_j); data in [0, 1] is read as probabilities.</summary>
    Bernoulli = 0,

    /// <summary>
    /// Real-valued units with unit variance, v_i | h ~ N(b_i + Σ_j W_ji·h_j, 1): standardise the data (zero mean,
    /// unit variance per feature) first, and use a learning rate about ten times smaller than for binary units.
    /// </summary>
    Gaussian = 1,
}
