using System;

namespace NetGen;

/// <summary>The rate times <see cref="Gamma"/> every epoch, as <c>torch.optim.lr_scheduler.ExponentialLR</c>: lr(epoch) = base · γ^(epoch − 1).</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Gamma is not positive and finite.</exception>
    public ExponentialDecay(double gamma) => Gamma = Check(gamma, 0, nameof(gamma), exclusiveMin: true);

    /// <summary>The factor per epoch.</summary>
    public double Gamma { get; }

    internal override double Rate(int epoch, double baseRate) => baseRate * Math.Pow(Gamma, epoch - 1);
}
