namespace NetGen;

/// <summary>Which units contrastive divergence samples while it runs its negative-phase chain.</summary>
public enum RbmSampling
{
    /// <summary>
    /// Hidden states are sampled, visible reconstructions are their probabilities (or means): the usual recipe
    /// (Hinton 2010, "A practical guide to training RBMs", §3), less noisy than sampling both.
    /// </summary>
    Hidden = 0,

    /// <summary>Both layers are sampled: a true block-Gibbs chain (as scikit-learn's <c>BernoulliRBM</c>).</summary>
    HiddenAndVisible = 1,

    /// <summary>Nothing is sampled, every state is its probability: deterministic mean-field updates (for tests and analysis).</summary>
    MeanField = 2,
}
