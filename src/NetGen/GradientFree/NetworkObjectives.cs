using System;

namespace NetGen;

/// <summary>Ready-made objectives for <see cref="RandomSearch"/> and <see cref="GeneticAlgorithm"/>.</summary>
public static class NetworkObjectives
{
    // One output buffer per thread, grown once: the objectives below run on many threads and must not allocate per call.
    [ThreadStatic] private static float[]? t_output;

    /// <summary>A loss that minimises <paramref name="fitness"/>'s negative, i.e. maximises the fitness.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fitness"/> is null.</exception>
    public static NetworkLoss FromFitness(NetworkFitness fitness)
    {
        ArgumentNullException.ThrowIfNull(fitness);
        return network => -fitness(network);
    }

    /// <summary>
    /// The mean squared error over every sample and output of <paramref name="data"/> (as <c>F.mse_loss</c> over the
    /// whole set), whatever loss the network was declared with. Allocation-free after each thread's first call.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <remarks>When called, throws <see cref="ArgumentException"/> if the data's target rows do not match the network's outputs.</remarks>
    public static NetworkLoss MeanSquaredError(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return network =>
        {
            Span<float> output = OutputBuffer(network, data);
            double sum = 0;
            for (int sample = 0; sample < data.Count; sample++)
            {
                network.Forward(data.Input(sample), output);
                ReadOnlySpan<float> target = data.Target(sample);
                for (int o = 0; o < output.Length; o++)
                {
                    double error = output[o] - target[o];
                    sum += error * error;
                }
            }
            return (float)(sum / ((double)data.Count * data.TargetSize));
        };
    }

    /// <summary>
    /// Solved when every output of every sample of <paramref name="data"/> is strictly within
    /// <paramref name="tolerance"/> of its target. With 0/1 targets and the default 0.5 this is "every output on the
    /// right side of 0.5", the criterion of the NEAT XOR experiment.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is not a positive finite number.</exception>
    public static SolvedPredicate AllOutputsWithin(Dataset data, float tolerance = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(tolerance > 0f && float.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Must be a positive finite number.");
        return (network, _) =>
        {
            Span<float> output = OutputBuffer(network, data);
            for (int sample = 0; sample < data.Count; sample++)
            {
                network.Forward(data.Input(sample), output);
                ReadOnlySpan<float> target = data.Target(sample);
                for (int o = 0; o < output.Length; o++)
                    if (!(Math.Abs(output[o] - target[o]) < tolerance)) return false; // NaN is never within
            }
            return true;
        };
    }

    private static Span<float> OutputBuffer(INetwork network, Dataset data)
    {
        if (data.TargetSize != network.OutputSize)
            throw new ArgumentException($"Expected target rows of {Counted.Values(network.OutputSize)} (the network's outputs), got {data.TargetSize}.", nameof(data));
        if (t_output is null || t_output.Length < network.OutputSize) t_output = new float[network.OutputSize];
        return t_output.AsSpan(0, network.OutputSize);
    }
}
