using System;

namespace NetGen;

/// <summary>What one epoch of <see cref="Trainer.Train"/> did; sent to <see cref="Trainer.Progress"/> after each epoch.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Steps">Optimizer steps taken so far, over every epoch.</param>
/// <param name="TrainLoss">Mean loss over the epoch's training samples, each taken when its step ran (as Keras reports it).</param>
/// <param name="ValidationLoss">Mean loss on the validation set after the epoch; NaN without one.</param>
/// <param name="ValidationAccuracy">Classification accuracy on the validation set after the epoch (see <see cref="Evaluation.Accuracy"/>); NaN without one.</param>
/// <param name="GradientNorm">
/// The largest global L2 gradient norm of the epoch's steps, before clipping; NaN unless the optimizer is an
/// <see cref="Optimizer"/> with <see cref="Optimizer.MaxGradientNorm"/> set (the norm is measured only then).
/// </param>
/// <param name="ClippedSteps">How many of the epoch's steps had their gradient scaled down by clipping.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="LearningRate">
/// The optimizer's learning rate during the epoch (set by <see cref="Trainer.LearningRateSchedule"/> when there is one);
/// NaN when the optimizer has none (<see cref="Rprop"/>, an <see cref="IOptimizer"/> that is not an <see cref="ILearningRateOptimizer"/>).
/// </param>
public sealed record EpochReport(
    int Epoch,
    long Steps,
    double TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    float GradientNorm,
    int ClippedSteps,
    TimeSpan Elapsed,
    float LearningRate = float.NaN);
