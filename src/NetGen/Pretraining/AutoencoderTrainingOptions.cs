using System;

namespace NetGen;

/// <summary>How <see cref="Pretraining.Autoencoders"/> trains each layer's autoencoder. Each value is checked when it is set.</summary>
public sealed record AutoencoderTrainingOptions
{
    /// <summary>Passes over the data per layer (default 10).</summary>
    public int Epochs
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Must be 0 or more.");
    } = 10;

    /// <summary>Samples per update (default 32).</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "Must be at least 1.");
    } = 32;

    /// <summary>
    /// Masking noise (Vincent et al. 2008, denoising autoencoders): the fraction of inputs set to zero, at random, before
    /// encoding; the reconstruction is still compared with the clean input. 0 (the default) trains a plain autoencoder.
    /// </summary>
    public float Corruption
    {
        get;
        init => field = float.IsFinite(value) && value >= 0f && value < 1f ? value : throw new ArgumentOutOfRangeException(nameof(Corruption), value, "Must be in [0, 1).");
    }

    /// <summary>Makes a fresh optimizer for each layer (optimizers keep per-parameter state); default Adam with learning rate 1e-3.</summary>
    public Func<IOptimizer> Optimizer
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Optimizer));
    } = static () => new Adam(1e-3f);

    /// <summary>Seed of the shuffles and of the masking noise.</summary>
    public int Seed { get; init; }
}
