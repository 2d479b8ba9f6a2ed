using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Trains a network on a <see cref="Dataset"/>: epochs of seeded-shuffled minibatches through
/// <see cref="INetwork.TrainBatch"/>, a validation pass after each epoch, optional early stopping, progress
/// reports, and a guard that stops with <see cref="TrainingDivergedException"/> when a loss, gradient or
/// parameter turns NaN or infinite, leaving the network with its last good parameters.
/// </summary>
/// <remarks>
/// With <see cref="Rprop"/> every step uses the whole training set (Rprop compares the signs of successive
/// gradients, which must be of the same function): one step per epoch, no shuffling.
/// After the buffers are allocated at the start of <see cref="Train"/>, steps allocate nothing.
/// </remarks>
public sealed partial class Trainer
{
    private const int DefaultBatchSize = 32;

    /// <summary>Creates a trainer of <paramref name="network"/> with <paramref name="optimizer"/> (which then serves this network only).</summary>
    public Trainer(INetwork network, IOptimizer optimizer)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
    }

    /// <summary>The network trained.</summary>
    public INetwork Network { get; }

    /// <summary>The optimizer that applies each step.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The most epochs to run (default 100), counting those done before <see cref="InitialEpoch"/>: the number of the last epoch.</summary>
    public int Epochs
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Must be at least 1.");
    } = 100;

    /// <summary>
    /// Samples per step (default 32; the last batch of an epoch may be smaller). Not settable with
    /// <see cref="Rprop"/>, which always steps on the whole training set.
    /// </summary>
    public int BatchSize
    {
        get;
        init
        {
            if (Optimizer is Rprop)
                throw new ArgumentException("Rprop is a full-batch method: the trainer steps it on the whole training set. Leave BatchSize unset.", nameof(BatchSize));
            field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "Must be at least 1.");
        }
    } = DefaultBatchSize;

    /// <summary>
    /// Epochs already done, when resuming (as Keras's <c>initial_epoch</c>; default 0): <see cref="Train"/> runs epochs
    /// <c>InitialEpoch + 1</c> to <see cref="Epochs"/>, numbers them so, and shuffles each as a run from epoch 1 would
    /// have. With the network and optimizer restored by <see cref="Checkpoint.Load(INetwork, Optimizer, string)"/> from
    /// a checkpoint saved after epoch <c>InitialEpoch</c> of a trainer with the same settings and data, training then
    /// continues bit for bit as if it had not stopped. (Early stopping's record of the best epoch starts afresh.)
    /// </summary>
    public int InitialEpoch
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(InitialEpoch), value, "Must be at least 0.");
    }

    /// <summary>
    /// The checkpoint this run resumes from (what <see cref="Checkpoint.Load(INetwork, Optimizer, string)"/> returned, after
    /// it restored the network and the optimizer): sets <see cref="InitialEpoch"/> to its epoch, and a
    /// <see cref="LearningRateSchedule"/> with state (<see cref="ReduceOnPlateau"/>) continues from the state saved with it.
    /// </summary>
    public CheckpointInfo? ResumeFrom
    {
        get;
        init
        {
            field = value;
            if (value is not null) InitialEpoch = value.Epoch;
        }
    }

    /// <summary>
    /// Sets the optimizer's learning rate before each epoch (null, the default: the rate stays as it is). The optimizer's
    /// rate when <see cref="Train"/> starts is the base rate, and is put back when it returns. Needs an
    /// <see cref="ILearningRateOptimizer"/>: <see cref="Rprop"/> has no learning rate.
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer has no learning rate.</exception>
    public LearningRateSchedule? LearningRateSchedule
    {
        get;
        init
        {
            if (value is not null && Optimizer is not ILearningRateOptimizer)
                throw new ArgumentException($"{Optimizer.GetType().Name} has no learning rate to schedule (it is not an ILearningRateOptimizer; Rprop adapts a step size per parameter instead).", nameof(LearningRateSchedule));
            field = value;
        }
    }

    /// <summary>
    /// When set, a <see cref="Checkpoint"/> is saved to this path after every epoch (before its report is sent to
    /// <see cref="Progress"/>), atomically, replacing the previous one: resume with <see cref="Checkpoint.Load(INetwork, Optimizer, string)"/>
    /// and <see cref="InitialEpoch"/>. Needs an <see cref="NetGen.Optimizer"/> (whose state it saves). Null (the default) saves nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer is not an <see cref="NetGen.Optimizer"/>, or the path is empty.</exception>
    public string? CheckpointPath
    {
        get;
        init
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(CheckpointPath));
                if (Optimizer is not NetGen.Optimizer)
                    throw new ArgumentException("A checkpoint holds the optimizer's state, which only an Optimizer (Adam, Sgd, Rprop or a subclass) exports.", nameof(CheckpointPath));
            }
            field = value;
        }
    }

    /// <summary>Seed of the shuffling of the training samples before each epoch: the same seed gives the same order on every machine.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Early stopping: stop when the validation loss has not improved by more than <see cref="MinImprovement"/>
    /// for this many epochs, and restore the parameters and state (Buffers, Counters) of the best epoch. Null (the default) turns it off.
    /// Needs a validation set.
    /// </summary>
    public int? Patience
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Patience), value, "Must be at least 1, or null to turn early stopping off.");
    }

    /// <summary>How much the validation loss must fall to count as an improvement for <see cref="Patience"/> (default 0).</summary>
    public double MinImprovement
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinImprovement), value, "Must be finite and at least 0.");
    }

    /// <summary>Called after each epoch's report; training stops when it returns true (e.g. at 100% validation accuracy).</summary>
    public Func<EpochReport, bool>? StopWhen { get; init; }

    /// <summary>Receives a report after each epoch, on the training thread.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>
    /// Trains on <paramref name="train"/> for up to <see cref="Epochs"/> epochs, evaluating on
    /// <paramref name="validation"/> (when given) after each.
    /// </summary>
    /// <exception cref="ArgumentException">The data sets do not fit the network or each other, hold a non-finite value, or early stopping or <see cref="ReduceOnPlateau"/> lacks a validation set.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="InitialEpoch"/> is not below <see cref="Epochs"/> (no epoch would run), differs from <see cref="ResumeFrom"/>'s epoch,
    /// or a run resumed with a <see cref="ReduceOnPlateau"/> schedule lacks its state (no <see cref="ResumeFrom"/>, or a checkpoint without it).
    /// </exception>
    /// <exception cref="TrainingDivergedException">A loss, gradient or parameter became non-finite; the network holds the parameters from before that step.</exception>
    /// <exception cref="System.IO.IOException">A checkpoint (<see cref="CheckpointPath"/>) could not be written; the previous one is unchanged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the network holds the parameters of the last completed step.</exception>
    public TrainingResult Train(Dataset train, Dataset? validation = null, CancellationToken cancellationToken = default)
    {
        CheckData(train, nameof(train));
        if (validation is not null)
        {
            CheckData(validation, nameof(validation));
            if (validation.InputSize != train.InputSize || validation.TargetSize != train.TargetSize)
                throw new ArgumentException($"Expected validation rows of {train.InputSize} inputs and {train.TargetSize} targets, as the training rows; got {validation.InputSize} and {validation.TargetSize}.", nameof(validation));
        }
        else if (Patience is not null)
            throw new ArgumentException("Early stopping (Patience) watches the validation loss: pass a validation set.", nameof(validation));
        else if (LearningRateSchedule?.WatchesValidationLoss == true)
            throw new ArgumentException("ReduceOnPlateau watches the validation loss: pass a validation set.", nameof(validation));

        if (InitialEpoch >= Epochs)
            throw new InvalidOperationException($"InitialEpoch ({InitialEpoch}) must be below Epochs ({Epochs}): there is no epoch left to run.");
        if (ResumeFrom is { } resumed && resumed.Epoch != InitialEpoch)
            throw new InvalidOperationException($"InitialEpoch ({InitialEpoch}) differs from the epoch of ResumeFrom ({resumed.Epoch}): set one of them.");

        if (Optimizer is NetGen.Optimizer decaying) decaying.UseLayout(Network.Layers); // the guard in between hides the optimizer from TrainBatch
        var rated = Optimizer as ILearningRateOptimizer;
        float baseRate = rated?.LearningRate ?? float.NaN;
        StartSchedule(baseRate);
        try
        {
            return Run(train, validation, rated, baseRate, cancellationToken);
        }
        finally
        {
            if (LearningRateSchedule is not null) rated!.LearningRate = baseRate;
        }
    }

    // A fresh schedule, or the state a resumed run needs to get the rates of an uninterrupted one.
    private void StartSchedule(double baseRate)
    {
        if (LearningRateSchedule is not { } schedule) return;
        schedule.Start(baseRate);
        if (!schedule.HasState || InitialEpoch == 0) return;
        if (ResumeFrom is null)
            throw new InvalidOperationException($"A resumed run (InitialEpoch {InitialEpoch}) with {schedule.GetType().Name} needs the schedule's state saved in the checkpoint: set ResumeFrom to what Checkpoint.Load returned.");
        schedule.ReadState(ResumeFrom.Metadata);
    }

    /// <summary>Batch normalisation over features cannot train on one sample: a last batch of one then joins the one before.</summary>
    private static bool NeedsTwoSamples(INetwork network)
    {
        foreach (LayerInfo layer in network.Layers)
            if (layer.Descriptor is { UsesBatchStatistics: true } && layer.OutputShape.Count == 1) return true;
        return false;
    }

    private TrainingResult Run(Dataset train, Dataset? validation, ILearningRateOptimizer? rated, float baseRate, CancellationToken cancellationToken)
    {

        var clock = Stopwatch.StartNew();
        var guard = new DivergenceGuard(Network, Optimizer);
        var batches = new MinibatchSource(train, Optimizer is Rprop ? train.Count : BatchSize, Seed, noSingleSample: NeedsTwoSamples(Network));
        float[] evaluationOutput = new float[validation?.TargetSize ?? 0];
        // The best epoch's model is its parameters and its state (batch normalisation's running statistics and counts), as a state_dict is.
        float[]? bestParameters = Patience is null ? null : Network.Parameters.ToArray(), bestBuffers = Patience is null ? null : Network.Buffers.ToArray();
        long[]? bestCounters = Patience is null ? null : Network.Counters.ToArray();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        var history = new List<EpochReport>();
        var stopReason = StopReason.EpochLimit;
        for (int epoch = 1; epoch <= InitialEpoch; epoch++) batches.Shuffle(); // the orders the earlier epochs used
        long step = (long)InitialEpoch * batches.Count;

        for (int epoch = InitialEpoch + 1; epoch <= Epochs; epoch++)
        {
            if (LearningRateSchedule is not null) rated!.LearningRate = (float)LearningRateSchedule.Rate(epoch, baseRate);
            float rate = rated?.LearningRate ?? float.NaN;
            guard.StartEpoch(epoch);
            batches.Shuffle();
            double lossSum = 0;
            for (int batch = 0; batch < batches.Count; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                guard.StepNumber = ++step;
                int size = batches.Load(batch, out ReadOnlySpan<float> inputs, out ReadOnlySpan<float> targets);
                float loss = Network.TrainBatch(inputs, targets, size, guard);
                if (!float.IsFinite(loss)) throw guard.RestoreAfterNonFiniteLoss(loss);
                lossSum += (double)loss * size;
            }

            Evaluation validationResult = validation is null
                ? new Evaluation(double.NaN, double.NaN)
                : Evaluate(Network, validation, evaluationOutput);
            var report = new EpochReport(epoch, step, lossSum / train.Count, validationResult.Loss, validationResult.Accuracy,
                guard.EpochGradientNorm, guard.EpochClippedSteps, clock.Elapsed, rate);
            history.Add(report);
            LearningRateSchedule?.EndEpoch(epoch, validationResult.Loss);
            if (CheckpointPath is not null) Checkpoint.Save(Network, (Optimizer)Optimizer, CheckpointPath, epoch, ScheduleState());
            Progress?.Report(report);

            if (validationResult.Loss < bestLoss - MinImprovement)
            {
                bestLoss = validationResult.Loss;
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                if (bestParameters is not null)
                {
                    Network.Parameters.CopyTo(bestParameters);
                    Network.Buffers.CopyTo(bestBuffers);
                    Network.Counters.CopyTo(bestCounters);
                }
            }
            else if (++epochsWithoutImprovement >= Patience)
            {
                stopReason = StopReason.EarlyStopping;
                break;
            }
            if (StopWhen?.Invoke(report) == true)
            {
                stopReason = StopReason.StopCondition;
                break;
            }
        }
        if (bestParameters is not null && bestEpoch > 0)
        {
            bestParameters.CopyTo(Network.Parameters);
            bestBuffers.CopyTo(Network.Buffers);
            bestCounters.CopyTo(Network.Counters);
        }
        return new TrainingResult(history, stopReason, bestEpoch, clock.Elapsed);
    }

    // What a resumed run's schedule needs (none for a schedule that follows from the epoch alone).
    private Dictionary<string, string>? ScheduleState()
    {
        if (LearningRateSchedule is not { HasState: true } schedule) return null;
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        schedule.WriteState(state);
        return state;
    }

    // Rows must fit the network (whole steps for a recurrent one) and hold finite values only.
    private void CheckData(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.InputSize % Network.InputSize != 0)
            throw new ArgumentException($"Expected input rows of a multiple of {Counted.Values(Network.InputSize)} (the network's input size), got {data.InputSize}.", name);
        if (data.TargetSize % Network.OutputSize != 0)
            throw new ArgumentException($"Expected target rows of a multiple of {Counted.Values(Network.OutputSize)} (the network's output size), got {data.TargetSize}.", name);
        CheckFinite(data.Inputs, data.InputSize, "input", name);
        CheckFinite(data.Targets, data.TargetSize, "target", name);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, int rowSize, string what, string name)
    {
        if (System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(values)) return;
        int index = 0;
        while (float.IsFinite(values[index])) index++;
        throw new ArgumentException($"Expected finite values only; {what} row {index / rowSize}, column {index % rowSize} is {values[index]}.", name);
    }
}
