using System;

namespace NetGen;

/// <summary>
/// Half a cosine from the base rate down to <see cref="MinRate"/> over <see cref="MaxEpochs"/> epochs, as
/// <c>torch.optim.lr_scheduler.CosineAnnealingLR</c> (T_max, eta_min; no restarts):
/// lr(epoch) = η_min + (base − η_min)·(1 + cos(π·(epoch − 1)/T_max))/2. Epoch T_max + 1 has η_min; later epochs
/// climb the cosine again, as PyTorch's do.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epochs are below 1, or the minimum rate is negative or not finite.</exception>
    public CosineAnnealing(int maxEpochs, double minRate = 0)
    {
        MaxEpochs = maxEpochs >= 1 ? maxEpochs : throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "Must be at least 1 epoch.");
        MinRate = Check(minRate, 0, nameof(minRate));
    }

    /// <summary>T_max: the epochs of the descent.</summary>
    public int MaxEpochs { get; }

    /// <summary>η_min: the rate at the bottom.</summary>
    public double MinRate { get; }

    internal override double Rate(int epoch, double baseRate)
        => MinRate + (baseRate - MinRate) * (1 + Math.Cos(Math.PI * (epoch - 1) / MaxEpochs)) / 2;
}
