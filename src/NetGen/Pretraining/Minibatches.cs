using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>The epoch loop the unsupervised trainers share: a fresh seeded shuffle per epoch, then one step per minibatch.</summary>
internal static class Minibatches
{
    /// <summary>One training step on <paramref name="size"/> samples, the rows of <paramref name="batch"/>.</summary>
    public delegate void Step(ReadOnlySpan<float> batch, int size);

    /// <summary>
    /// Runs <paramref name="epochs"/> passes over the <paramref name="count"/> rows of <paramref name="samples"/> in
    /// minibatches of <paramref name="batchSize"/> (the last one may be short), calling <paramref name="epochEnded"/>
    /// with the epoch number (from 1) after each.
    /// </summary>
    public static void Run(ReadOnlySpan<float> samples, int width, int count, int batchSize, int epochs,
        SeededRandom shuffle, Step step, Action<int>? epochEnded)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var batch = new float[Math.Min(batchSize, count) * width];
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            shuffle.Shuffle<int>(order);
            for (int start = 0; start < count; start += batchSize)
            {
                int size = Math.Min(batchSize, count - start);
                Span<float> rows = batch.AsSpan(0, size * width);
                Rows.Gather(samples, width, order.AsSpan(start, size), rows);
                step(rows, size);
            }
            epochEnded?.Invoke(epoch);
        }
    }
}
