using System;
using NetGen;
using NetGen.Numerics;

/// <summary>Plain minibatch SGD, the same order of samples for every network, and test accuracy.</summary>
public static class SampleTraining
{
    /// <summary>
    /// One epoch: the samples of <paramref name="train"/> in the order of <paramref name="shuffle"/>, in minibatches
    /// of <paramref name="batchSize"/>; returns the mean training loss. <paramref name="order"/>,
    /// <paramref name="batchInputs"/> and <paramref name="batchTargets"/> are reused buffers.
    /// </summary>
    public static double Epoch(INetwork network, DigitsData train, IOptimizer optimizer, int batchSize, SeededRandom shuffle,
        int[] order, float[] batchInputs, float[] batchTargets)
    {
        shuffle.Shuffle<int>(order);
        double lossSum = 0;
        for (int start = 0; start < train.Count; start += batchSize)
        {
            int size = Math.Min(batchSize, train.Count - start); // the last batch may be short
            train.Gather(order.AsSpan(start, size), batchInputs, batchTargets);
            float loss = network.TrainBatch(batchInputs.AsSpan(0, size * DigitsData.PixelCount),
                batchTargets.AsSpan(0, size * DigitsData.ClassCount), size, optimizer);
            lossSum += (double)loss * size; // weight by size so a short batch counts per sample
        }
        return lossSum / train.Count;
    }

    /// <summary>Fraction of samples whose most probable class is the label.</summary>
    public static double Accuracy(INetwork network, DigitsData data)
    {
        var outputs = new float[data.Count * DigitsData.ClassCount];
        network.Forward(data.Pixels, outputs, data.Count);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> p = outputs.AsSpan(i * DigitsData.ClassCount, DigitsData.ClassCount);
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            if (best == data.Labels[i]) correct++;
        }
        return (double)correct / data.Count;
    }
}
