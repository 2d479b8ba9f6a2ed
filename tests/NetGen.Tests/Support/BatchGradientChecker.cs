using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests;

/// <summary>
/// Finite differences of the training pass of a batch (batch statistics, dropout masks) against TrainBatch's gradient:
/// the loss of each perturbed batch comes from TrainBatch itself with an optimizer that changes nothing, after the
/// network's state (running statistics, counters, so also the dropout masks) is put back as it was.
/// </summary>
internal static class BatchGradientChecker
{
    private const float Step = 1e-3f;

    /// <summary>
    /// The largest |analytic − finite difference| / (1e-3 + 1e-2·|finite difference|) over every parameter (below 1 passes);
    /// and the same with the analytic gradient doubled, halved or negated, the smallest of the three (above 1: the check
    /// would have caught a gradient off by such a factor).
    /// </summary>
    public static (double WorstRatio, string Where, double WrongFactorRatio) Check(INetwork network, float[] inputs, float[] targets, int batchSize)
    {
        float[] buffers = network.Buffers.ToArray();
        long[] counters = network.Counters.ToArray();
        var optimizer = new RecordingOptimizer();
        float Loss()
        {
            buffers.CopyTo(network.Buffers);
            counters.CopyTo(network.Counters);
            return network.TrainBatch(inputs, targets, batchSize, optimizer);
        }
        Loss();
        float[] analytic = optimizer.Gradients[^1];
        double worst = 0;
        string where = "";
        double[] factors = [2.0, 0.5, -1.0], worstWrong = new double[factors.Length];
        Span<float> parameters = network.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            float original = parameters[k];
            double Perturbed(float value)
            {
                network.Parameters[k] = value;
                return Loss();
            }
            double fd = (8 * (Perturbed(original + Step) - Perturbed(original - Step)) - (Perturbed(original + 2 * Step) - Perturbed(original - 2 * Step))) / (12.0 * Step);
            network.Parameters[k] = original;
            double ratio = Ratio(analytic[k], fd);
            for (int f = 0; f < factors.Length; f++) worstWrong[f] = Math.Max(worstWrong[f], Ratio(factors[f] * analytic[k], fd));
            if (ratio > worst) { worst = ratio; where = $"parameter {k}: analytic {analytic[k]:G6}, finite difference {fd:G6}"; }
        }
        buffers.CopyTo(network.Buffers);
        counters.CopyTo(network.Counters);
        return (worst, where, worstWrong.Min());
    }

    private static double Ratio(double analytic, double fd) => Math.Abs(analytic - fd) / (1e-3 + 1e-2 * Math.Abs(fd));
}
