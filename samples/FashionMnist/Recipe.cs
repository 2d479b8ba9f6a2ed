using System;
using System.Linq;
using NetGen;

/// <summary>
/// How every network of a run is trained: the optimizer, the batch size, the learning-rate schedule and the default
/// number of epochs. One recipe serves all the networks, so their figures compare like with like.
/// </summary>
/// <param name="CreateOptimizer">A fresh optimizer (one serves one network).</param>
/// <param name="Schedule">The schedule for a run of the given number of epochs; null keeps the rate constant.</param>
public sealed record Recipe(string Name, string Description, int DefaultEpochs, int BatchSize,
    Func<IOptimizer> CreateOptimizer, Func<int, LearningRateSchedule?> Schedule)
{
    /// <summary>The short default: Adam at 10⁻³, constant, 5 epochs.</summary>
    public static readonly Recipe Adam = new("adam", "Adam lr 0.001, constant, batches of 32", 5, 32,
        () => new Adam(1e-3f), _ => null);

    /// <summary>
    /// The long one: AdamW (decoupled weight decay 0.05 on the weights, not on biases or BN's scale and shift) at four
    /// times Adam's default rate, reached after one epoch at a tenth of it, then annealed towards 0 along a cosine over
    /// the other epochs; 15 epochs.
    /// </summary>
    public static readonly Recipe Cosine = new("cosine",
        "AdamW lr 0.004, weight decay 0.05, 1 warm-up epoch at 0.0004, then cosine annealing to 0, batches of 32", 15, 32,
        () => new AdamW(4e-3f, weightDecay: 0.05f),
        epochs => new LinearWarmup(1, startFactor: 0.1, then: new CosineAnnealing(Math.Max(1, epochs - 1))));

    public static readonly Recipe[] All = [Adam, Cosine];

    public static Recipe? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
