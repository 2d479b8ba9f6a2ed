using System;

namespace NetGen;

/// <summary>
/// How <see cref="Rbm.Train(Dataset, RbmTrainingOptions, Action{int}?)"/>, <see cref="ContrastiveDivergence"/> and
/// <see cref="Pretraining.Rbms"/> train. Each value is checked when it is set. The defaults are CD-1 with learning
/// rate 0.1 on minibatches of 10 for 10 epochs (scikit-learn's <c>BernoulliRBM</c> defaults, though it uses PCD).
/// </summary>
public sealed record RbmTrainingOptions
{
    /// <summary>Step size ε of each update ΔW = ε·(⟨hvᵀ⟩_data − ⟨hvᵀ⟩_model) (default 0.1).</summary>
    public float LearningRate
    {
        get;
        init => field = float.IsFinite(value) && value > 0f ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "Must be a positive finite number.");
    } = 0.1f;

    /// <summary>k, the Gibbs steps of the negative phase per update (CD-k; default 1).</summary>
    public int GibbsSteps
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(GibbsSteps), value, "Must be at least 1.");
    } = 1;

    /// <summary>
    /// Persistent contrastive divergence (Tieleman 2008): the negative chains carry on from where the previous update
    /// left them instead of restarting at the data. There are <see cref="BatchSize"/> chains, started from the first minibatch.
    /// </summary>
    public bool Persistent { get; init; }

    /// <summary>Which units the negative chain samples (default <see cref="RbmSampling.Hidden"/>).</summary>
    public RbmSampling Sampling
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Sampling), value, "Must be Hidden, HiddenAndVisible or MeanField.");
    }

    /// <summary>Momentum μ of the updates, v ← μ·v + ε·g, W ← W + v (default 0).</summary>
    public float Momentum
    {
        get;
        init => field = float.IsFinite(value) && value >= 0f && value < 1f ? value : throw new ArgumentOutOfRangeException(nameof(Momentum), value, "Must be in [0, 1).");
    }

    /// <summary>L2 weight decay λ: the weight gradient becomes g − λ·W (biases are not decayed; default 0).</summary>
    public float WeightDecay
    {
        get;
        init => field = float.IsFinite(value) && value >= 0f ? value : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "Must be a finite number >= 0.");
    }

    /// <summary>Samples per update (default 10).</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "Must be at least 1.");
    } = 10;

    /// <summary>Passes over the data (default 10).</summary>
    public int Epochs
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Must be 0 or more.");
    } = 10;

    /// <summary>Seed of the shuffles and of the chains' sampling, so that training is reproducible.</summary>
    public int Seed { get; init; }
}
