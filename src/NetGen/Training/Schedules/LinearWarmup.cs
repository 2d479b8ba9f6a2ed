using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// A linear warm-up over the first <see cref="Epochs"/> epochs, then <see cref="Then"/> (or the base rate), as PyTorch's
/// <c>SequentialLR([LinearLR(start_factor, total_iters = N), then], milestones = [N])</c>: epoch e ≤ N has
/// base · (s + (1 − s)·(e − 1)/N); epoch N + k has what <see cref="Then"/> gives its epoch k (it starts counting, and
/// watching the validation loss, after the warm-up).
/// </summary>
public sealed class LinearWarmup : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="epochs">N, the epochs of the warm-up.</param>
    /// <param name="startFactor">s, the fraction of the base rate in the first epoch (PyTorch's default 1/3).</param>
    /// <param name="then">The schedule after the warm-up; null keeps the base rate.</param>
    /// <exception cref="ArgumentOutOfRangeException">The epochs are below 1, or the start factor is not in (0, 1].</exception>
    public LinearWarmup(int epochs, double startFactor = 1.0 / 3, LearningRateSchedule? then = null)
    {
        Epochs = epochs >= 1 ? epochs : throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Must be at least 1 epoch.");
        StartFactor = startFactor is > 0 and <= 1 ? startFactor : throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Must be in (0, 1].");
        Then = then;
    }

    /// <summary>N, the epochs of the warm-up.</summary>
    public int Epochs { get; }

    /// <summary>s, the fraction of the base rate in the first epoch.</summary>
    public double StartFactor { get; }

    /// <summary>The schedule after the warm-up, or null for the base rate.</summary>
    public LearningRateSchedule? Then { get; }

    internal override double Rate(int epoch, double baseRate) => epoch <= Epochs
        ? baseRate * (StartFactor + (1 - StartFactor) * (epoch - 1) / Epochs)
        : Then?.Rate(epoch - Epochs, baseRate) ?? baseRate;

    internal override void Start(double baseRate) => Then?.Start(baseRate);

    internal override void EndEpoch(int epoch, double validationLoss)
    {
        if (epoch > Epochs) Then?.EndEpoch(epoch - Epochs, validationLoss);
    }

    internal override bool WatchesValidationLoss => Then?.WatchesValidationLoss ?? false;

    internal override bool HasState => Then?.HasState ?? false;

    internal override void WriteState(IDictionary<string, string> metadata) => Then?.WriteState(metadata);

    internal override void ReadState(IReadOnlyDictionary<string, string> metadata) => Then?.ReadState(metadata);
}
