using System;
using NetGen.Model;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Finds, with the analyzer's own estimate, the first depth at which a family of networks crosses a threshold,
/// so "fires at depth d, not at d − 1" tests follow the estimator when it is recalibrated.
/// </summary>
internal static class ThresholdDepth
{
    /// <summary>
    /// The smallest depth in [<paramref name="shallowest"/>, <paramref name="deepest"/>] whose network
    /// (<paramref name="source"/> of depth, class <paramref name="className"/>) satisfies <paramref name="crosses"/>;
    /// the depth just before it must not. Throws when the family never crosses, or already does at its shallowest.
    /// </summary>
    public static int First(Func<int, string> source, string className, Func<NetworkSpec, GradientFlowPrediction, bool> crosses, int shallowest = 2, int deepest = 40)
    {
        for (int depth = shallowest; depth <= deepest; depth++)
        {
            var (spec, prediction) = NetworkModel.Estimate(source(depth), className);
            if (!crosses(spec, prediction))
                continue;
            if (depth == shallowest)
                throw new InvalidOperationException($"{className} already crosses at its shallowest depth {shallowest}: no 'just below' network in this family.");
            return depth;
        }
        throw new InvalidOperationException($"{className} does not cross within {deepest} layers.");
    }

    /// <summary>E[a²] of the last hidden layer with weights: the activation growth NG0005 compares (inputs have E[x²] = 1).</summary>
    public static double ActivationGrowth(NetworkSpec spec, GradientFlowPrediction prediction)
        => GradientFlowRules.Predicted(prediction, spec).ActivationGrowth;
}
