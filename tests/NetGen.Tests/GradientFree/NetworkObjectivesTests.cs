using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>The ready-made objectives on hand-computed cases.</summary>
public sealed class NetworkObjectivesTests
{
    [Fact]
    public void MeanSquaredErrorOfAConstantHalfOutputIsAQuarter()
    {
        // All parameters 0: every output is σ(0) = 0.5, so each squared error is 0.25 whatever the target (0 or 1).
        var network = new XorSigmoidNet();
        network.Parameters.Clear();
        Assert.Equal(0.25f, XorTask.Loss(network));
        Assert.False(XorTask.Solved(network, 0.25f)); // |0.5 − target| = 0.5 is not strictly within 0.5
    }

    [Fact]
    public void TheHandMadeSolutionSolvesXor()
    {
        var network = new XorSigmoidNet();
        XorTask.Solution.CopyTo(network.Parameters);
        Assert.True(XorTask.Solved(network, 0f));
        Assert.InRange(XorTask.Loss(network), 0f, 1e-8f); // every output within 1e-4 of its target
        Assert.False(NetworkObjectives.AllOutputsWithin(XorTask.Data, 1e-9f)(network, 0f));
    }

    [Fact]
    public void MeanSquaredErrorAveragesOverSamplesAndOutputs()
    {
        // Linear 3-1 network with weights (1, 0, 0) and bias 0.5: outputs x₀ + 0.5 = 1.5 and 2.5 against targets 1 and 4:
        // errors 0.5 and −1.5, mean square (0.25 + 2.25) / 2 = 1.25.
        var network = new FourParameterNet();
        float[] parameters = [1, 0, 0, 0.5f];
        parameters.CopyTo(network.Parameters);
        var data = new Dataset([1, 7, 7, 2, 9, 9], 3, [1, 4], 1);
        Assert.Equal(1.25f, NetworkObjectives.MeanSquaredError(data)(network));
    }

    [Fact]
    public void FromFitnessMinimisesTheNegatedFitness()
    {
        NetworkLoss loss = NetworkObjectives.FromFitness(network => network.Parameters[0] * 2f);
        var network = new FourParameterNet();
        network.Parameters[0] = 3f;
        Assert.Equal(-6f, loss(network));
    }

    [Fact]
    public void ObjectivesRejectBadArguments()
    {
        Assert.Throws<ArgumentNullException>(() => NetworkObjectives.FromFitness(null!));
        Assert.Throws<ArgumentNullException>(() => NetworkObjectives.MeanSquaredError(null!));
        Assert.Equal("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => NetworkObjectives.AllOutputsWithin(XorTask.Data, 0f)).ParamName);
        var twoTargets = new Dataset([0, 0, 0], 3, [0, 1], 2);
        var error = Assert.Throws<ArgumentException>(() => NetworkObjectives.MeanSquaredError(twoTargets)(new FourParameterNet()));
        Assert.Contains("of 1 value (the network's outputs)", error.Message, StringComparison.Ordinal);
    }
}
