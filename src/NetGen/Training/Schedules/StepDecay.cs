using System;

namespace NetGen;

/// <summary>
/// The rate times <see cref="Gamma"/> every <see cref="StepSize"/> epochs, as <c>torch.optim.lr_scheduler.StepLR</c>:
/// lr(epoch) = base · γ^⌊(epoch − 1) / stepSize⌋.
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step size is below 1, or gamma is not positive and finite.</exception>
    public StepDecay(int stepSize, double gamma = 0.1)
    {
        StepSize = stepSize >= 1 ? stepSize : throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "Must be at least 1 epoch.");
        Gamma = Check(gamma, 0, nameof(gamma), exclusiveMin: true);
    }

    /// <summary>Epochs between two decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor of each decay.</summary>
    public double Gamma { get; }

    internal override double Rate(int epoch, double baseRate) => baseRate * Math.Pow(Gamma, (epoch - 1) / StepSize);
}
