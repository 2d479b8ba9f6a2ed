using System.Collections.Generic;

namespace NetGen;

/// <summary>What <see cref="Checkpoint.Load(INetwork, Optimizer, string)"/> read besides the tensors.</summary>
/// <param name="Epoch">The epoch the checkpoint was saved after (0: not saved by epoch); pass it to <see cref="Trainer.InitialEpoch"/> to resume.</param>
/// <param name="StepCount">The optimizer's step count, now also its <see cref="Optimizer.StepCount"/>.</param>
/// <param name="Metadata">The file's whole <c>__metadata__</c> map, the entries the caller added included.</param>
public sealed record CheckpointInfo(int Epoch, long StepCount, IReadOnlyDictionary<string, string> Metadata);
