using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>Finite-difference gradient checks of every hidden activation × every loss (see <see cref="GradientChecker"/>).</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ActivationLossGradientTests : IClassFixture<ActivationLossNetworks>
{
    private const int Samples = 4;
    private readonly ActivationLossNetworks _networks;

    public ActivationLossGradientTests(ActivationLossNetworks networks) => _networks = networks;

    public static TheoryData<Activation, Activation> MeanSquaredErrorCases()
    {
        var data = new TheoryData<Activation, Activation>();
        foreach (Activation hidden in ActivationLossNetworks.HiddenActivations)
            foreach (Activation output in ActivationLossNetworks.HiddenActivations) data.Add(hidden, output);
        return data;
    }

    public static TheoryData<Activation> HiddenCases() => new(ActivationLossNetworks.HiddenActivations);

    [Theory]
    [MemberData(nameof(MeanSquaredErrorCases))]
    public void MeanSquaredErrorGradientMatchesFiniteDifferences(Activation hidden, Activation output)
        => Check(hidden, Loss.MeanSquaredError, output, sample => TestData.Uniform(2, 50 + sample));

    [Theory]
    [MemberData(nameof(HiddenCases))]
    public void BinaryCrossEntropyWithSigmoidGradientMatchesFiniteDifferences(Activation hidden)
        => Check(hidden, Loss.BinaryCrossEntropy, Activation.Sigmoid, sample => TestData.Probabilities(3, 60 + sample));

    [Theory]
    [MemberData(nameof(HiddenCases))]
    public void CrossEntropyWithSoftmaxOneHotGradientMatchesFiniteDifferences(Activation hidden)
        => Check(hidden, Loss.CrossEntropy, Activation.Softmax, sample => TestData.OneHot(3, sample % 3));

    [Theory]
    [MemberData(nameof(HiddenCases))]
    public void CrossEntropyWithSoftmaxSoftTargetGradientMatchesFiniteDifferences(Activation hidden)
        => Check(hidden, Loss.CrossEntropy, Activation.Softmax, sample => TestData.SoftTarget(3, 70 + sample));

    [Fact]
    public void EveryGeneratedNetworkMatchesTheDoubleReferenceForwardAndLoss()
    {
        foreach ((Activation hidden, Loss loss, Activation output) in ActivationLossNetworks.Definitions())
        {
            INetwork network = _networks.Create(hidden, loss, output);
            float[] input = TestData.Uniform(3, 80), target = TestData.Target(loss, network.OutputSize, 81);
            var actual = new float[network.OutputSize];
            network.Forward(input, actual);
            double[] expected = DoubleReference.Forward(network.Layers, network.Parameters, input);
            for (int i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])),
                    $"{ActivationLossNetworks.ClassName(hidden, loss, output)} output {i}: {actual[i]} vs reference {expected[i]}");
            float returned = network.Backward(target);
            double reference = DoubleReference.Loss(loss, expected, target);
            Assert.True(Math.Abs(returned - reference) <= 1e-5 * (1 + Math.Abs(reference)),
                $"{ActivationLossNetworks.ClassName(hidden, loss, output)}: Backward returned loss {returned}, reference {reference}");
        }
    }

    private void Check(Activation hidden, Loss loss, Activation output, Func<int, float[]> target)
    {
        INetwork network = _networks.Create(hidden, loss, output);
        string name = ActivationLossNetworks.ClassName(hidden, loss, output);
        GradientChecker.RandomizeBiases(network, seed: 7);
        var results = new List<GradientChecker.Result>();
        for (int sample = 0; sample < Samples; sample++)
        {
            float[] input = TestData.Uniform(network.InputSize, 40 + sample, scale: 1.5);
            results.Add(GradientChecker.Compute(network, loss, input, target(sample)));
        }
        // The samples together: a ReLU output that is dead on one sample must not make the check vacuous.
        var combined = new GradientChecker.Result(results.SelectMany(r => r.Entries).ToList());
        GradientChecker.AssertMatches(combined, network, name);
        GradientChecker.AssertDetectsWrongFactors(combined, name);
    }
}
