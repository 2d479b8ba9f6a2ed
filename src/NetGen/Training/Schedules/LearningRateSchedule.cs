using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// How <see cref="Trainer"/> sets the optimizer's learning rate before each epoch, by PyTorch's per-epoch formulas:
/// <see cref="StepDecay"/>, <see cref="ExponentialDecay"/>, <see cref="CosineAnnealing"/>, <see cref="LinearWarmup"/>
/// (before another schedule) and <see cref="ReduceOnPlateau"/>. The base rate is the optimizer's
/// <see cref="ILearningRateOptimizer.LearningRate"/> when training starts; <see cref="Trainer.Train"/> puts it back when it returns.
/// </summary>
/// <remarks>
/// Epochs are counted from 1 over the whole run, resumed or not, so a run resumed with <see cref="Trainer.InitialEpoch"/>
/// gets the rates of an uninterrupted one. A schedule with state (<see cref="ReduceOnPlateau"/>) serves one trainer at a time.
/// </remarks>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The rate of epoch <paramref name="epoch"/> (from 1) of a run whose base rate is <paramref name="baseRate"/>.</summary>
    internal abstract double Rate(int epoch, double baseRate);

    /// <summary>Resets any state for a run starting afresh at <paramref name="baseRate"/>.</summary>
    internal virtual void Start(double baseRate)
    {
    }

    /// <summary>Takes note of epoch <paramref name="epoch"/>'s validation loss, which may change later rates.</summary>
    internal virtual void EndEpoch(int epoch, double validationLoss)
    {
    }

    /// <summary>The schedule reads the validation loss (so training needs a validation set).</summary>
    internal virtual bool WatchesValidationLoss => false;

    /// <summary>The schedule has state beyond the epoch number, which a checkpoint must carry to resume.</summary>
    internal virtual bool HasState => false;

    /// <summary>Adds the state to a checkpoint's metadata (keys <c>lr_scheduler.*</c>).</summary>
    internal virtual void WriteState(IDictionary<string, string> metadata)
    {
    }

    /// <summary>Restores the state from a checkpoint's metadata; the message of the exception says what is wrong.</summary>
    /// <exception cref="InvalidOperationException">The metadata holds no valid state of this schedule.</exception>
    internal virtual void ReadState(IReadOnlyDictionary<string, string> metadata)
    {
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and at least <paramref name="min"/> (above it when <paramref name="exclusiveMin"/>).</summary>
    private protected static double Check(double value, double min, string name, bool exclusiveMin = false)
    {
        bool ok = double.IsFinite(value) && (exclusiveMin ? value > min : value >= min);
        return ok ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be finite and {(exclusiveMin ? "above" : "at least")} {min}.");
    }
}
