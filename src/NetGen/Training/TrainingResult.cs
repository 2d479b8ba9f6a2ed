using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Why <see cref="Trainer.Train"/> stopped.</summary>
public enum StopReason
{
    /// <summary>It ran <see cref="Trainer.Epochs"/> epochs.</summary>
    EpochLimit = 0,
    /// <summary>The validation loss did not improve for <see cref="Trainer.Patience"/> epochs.</summary>
    EarlyStopping = 1,
    /// <summary><see cref="Trainer.StopWhen"/> returned true.</summary>
    StopCondition = 2,
}

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="History">One report per epoch run, in order.</param>
/// <param name="StopReason">Why training stopped.</param>
/// <param name="BestEpoch">
/// The epoch with the lowest validation loss (0 without a validation set). With <see cref="Trainer.Patience"/>
/// set, the network holds this epoch's parameters when training returns.
/// </param>
/// <param name="Elapsed">Time spent in training, evaluation included.</param>
public sealed record TrainingResult(IReadOnlyList<EpochReport> History, StopReason StopReason, int BestEpoch, TimeSpan Elapsed)
{
    /// <summary>Number of epochs run.</summary>
    public int Epochs => History.Count;

    /// <summary>The report of the last epoch run.</summary>
    public EpochReport Last => History[^1];
}
