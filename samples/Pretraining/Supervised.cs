using System;
using NetGen;
using NetGen.Numerics;

/// <summary>
/// Supervised training and scoring for the experiments: minibatch epochs of <c>TrainBatch</c> over a seeded shuffle
/// (NetGen's <c>Trainer</c> does the same with more options), and the accuracy of the most probable class.
/// </summary>
public static class Supervised
{
    /// <summary>Trains <paramref name="net"/> for <paramref name="epochs"/> passes over <paramref name="data"/>; returns the last epoch's mean loss.</summary>
    public static double Fit(INetwork net, Dataset data, int epochs, int batchSize, IOptimizer optimizer, int seed)
    {
        var shuffle = new SeededRandom(seed);
        int[] order = new int[data.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var inputs = new float[batchSize * data.InputSize];
        var targets = new float[batchSize * data.TargetSize];
        double lossSum = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            shuffle.Shuffle<int>(order);
            lossSum = 0;
            for (int start = 0; start < data.Count; start += batchSize)
            {
                int size = Math.Min(batchSize, data.Count - start);
                for (int i = 0; i < size; i++)
                {
                    data.Input(order[start + i]).CopyTo(inputs.AsSpan(i * data.InputSize));
                    data.Target(order[start + i]).CopyTo(targets.AsSpan(i * data.TargetSize));
                }
                lossSum += size * (double)net.TrainBatch(inputs.AsSpan(0, size * data.InputSize), targets.AsSpan(0, size * data.TargetSize), size, optimizer);
            }
        }
        return lossSum / data.Count;
    }

    /// <summary>Fraction of samples whose most probable output is the target's class.</summary>
    public static double Accuracy(INetwork net, Dataset data)
    {
        var outputs = new float[data.Count * net.OutputSize];
        net.Forward(data.Inputs, outputs, data.Count);
        int correct = 0;
        for (int s = 0; s < data.Count; s++)
            if (ArgMax(outputs.AsSpan(s * net.OutputSize, net.OutputSize)) == ArgMax(data.Target(s))) correct++;
        return (double)correct / data.Count;
    }

    /// <summary>The RBM's hidden probabilities of every input, with the same targets: features for a classifier.</summary>
    public static Dataset Features(Rbm rbm, Dataset data)
    {
        var features = new float[data.Count * rbm.HiddenCount];
        rbm.HiddenProbabilities(data.Inputs, features, data.Count);
        return new Dataset(features, rbm.HiddenCount, data.Targets, data.TargetSize);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
