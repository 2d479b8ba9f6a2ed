using System;
using NetGen.Numerics;

namespace NetGen;

public sealed partial class Rbm
{
    /// <summary>Trains on the inputs of <paramref name="data"/> (its targets are not used); see <see cref="Train(ReadOnlySpan{float}, RbmTrainingOptions, Action{int}?)"/>.</summary>
    /// <exception cref="ArgumentException">The data's input size is not <see cref="VisibleCount"/>.</exception>
    public void Train(Dataset data, RbmTrainingOptions options, Action<int>? epochEnded = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputSize != VisibleCount)
            throw new ArgumentException($"Expected samples of {Counted.Values(VisibleCount)} (the RBM's visible units), got {data.InputSize}.", nameof(data));
        Train(data.Inputs, options, epochEnded);
    }

    /// <summary>
    /// Trains by contrastive divergence (<see cref="ContrastiveDivergence"/>) for <see cref="RbmTrainingOptions.Epochs"/>
    /// passes over the rows of <paramref name="samples"/>, in minibatches of a fresh seeded shuffle each epoch (stream 1
    /// of <see cref="RbmTrainingOptions.Seed"/>; the chains sample from stream 2). <paramref name="epochEnded"/> is called
    /// with the epoch number (from 1) after each pass, e.g. to print a monitor.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is not a whole, positive number of rows of <see cref="VisibleCount"/>.</exception>
    public void Train(ReadOnlySpan<float> samples, RbmTrainingOptions options, Action<int>? epochEnded = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int count = Rows.Count(samples.Length, VisibleCount, nameof(samples));
        Train(samples, count, options, new SeededRandom(options.Seed, 1), new SeededRandom(options.Seed, 2), epochEnded);
    }

    internal void Train(ReadOnlySpan<float> samples, int count, RbmTrainingOptions options, SeededRandom shuffle, SeededRandom sampling, Action<int>? epochEnded)
    {
        var trainer = new ContrastiveDivergence(this, options, sampling);
        Minibatches.Run(samples, VisibleCount, count, options.BatchSize, options.Epochs, shuffle, trainer.Step, epochEnded);
    }
}
