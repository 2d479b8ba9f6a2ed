using System;
using System.Numerics.Tensors;

namespace NetGen;

public sealed partial class Trainer
{
    /// <summary>
    /// The mean loss and the accuracy of <paramref name="network"/> on <paramref name="data"/>. Runs each sample
    /// forward and backward (the backward pass is what computes the network's loss), so it leaves
    /// <see cref="INetwork.Gradients"/> zeroed; the parameters are not touched.
    /// </summary>
    /// <exception cref="ArgumentException">The rows of <paramref name="data"/> do not fit the network.</exception>
    public static Evaluation Evaluate(INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.TargetSize % network.OutputSize != 0)
            throw new ArgumentException($"Expected target rows of a multiple of {Counted.Values(network.OutputSize)} (the network's output size), got {data.TargetSize}.", nameof(data));
        return Evaluate(network, data, new float[data.TargetSize]);
    }

    private static Evaluation Evaluate(INetwork network, Dataset data, float[] output)
    {
        double lossSum = 0;
        int correct = 0, outputSize = network.OutputSize;
        for (int sample = 0; sample < data.Count; sample++)
        {
            ReadOnlySpan<float> target = data.Target(sample);
            network.Forward(data.Input(sample), output);
            lossSum += network.Backward(target);
            for (int start = 0; start < output.Length; start += outputSize)
                if (IsCorrect(output.AsSpan(start, outputSize), target.Slice(start, outputSize))) correct++;
        }
        network.ZeroGradients();
        return new Evaluation(lossSum / data.Count, (double)correct / (data.Count * (output.Length / outputSize)));
    }

    private static bool IsCorrect(ReadOnlySpan<float> output, ReadOnlySpan<float> target) => output.Length == 1
        ? output[0] >= 0.5f == target[0] >= 0.5f
        : TensorPrimitives.IndexOfMax(output) == TensorPrimitives.IndexOfMax(target);
}
