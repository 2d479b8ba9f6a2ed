using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Finite-difference checks of backpropagation through time (see <see cref="GradientChecker"/>, which takes a
/// sequence as input and a target of the output's shape) on every network of <see cref="SequenceNetworks"/>,
/// and their forward pass and loss against the double reference.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class SequenceGradientTests : IClassFixture<SequenceNetworks>
{
    private const int Samples = 2;
    private const int Steps = 5;
    private readonly SequenceNetworks _networks;

    public SequenceGradientTests(SequenceNetworks networks) => _networks = networks;

    public static TheoryData<string> AllNetworks() => SequenceNetworks.Names();

    /// <summary>Lengths at the edges: one step (no recurrence at all), two (one recurrent step), and a long one.</summary>
    public static TheoryData<string, int> Lengths()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { SequenceNetworks.Elman(Activation.Tanh), "Lstm", "LstmThenRecurrent", "RecurrentSequence", "LstmSequenceSoftmax", "Gru", "GruThenLstm", "GruSequenceSoftmax" })
            foreach (int steps in new[] { 1, 2, 17 }) data.Add(name, steps);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void GradientMatchesFiniteDifferences(string name) => Check(name, name.StartsWith("Wide", StringComparison.Ordinal) ? 3 : Steps);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void GradientMatchesFiniteDifferencesAtEveryLength(string name, int steps) => Check(name, steps);

    [Theory]
    [MemberData(nameof(AllNetworks))]
    public void ForwardAndLossMatchTheDoubleReference(string name)
    {
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork network = _networks.Create(name);
        GradientChecker.RandomizeBiases(network, seed: 12);
        foreach (int steps in new[] { 1, 4, 17, 3 })
        {
            float[] input = SequenceNetworks.Input(network, steps, 600 + steps), target = SequenceNetworks.Target(definition, network, steps, 610);
            var actual = new float[target.Length];
            network.Forward(input, actual);
            double[] expected = DoubleReference.Forward(network.Layers, network.Parameters, input, sequenceOutput: definition.TargetPerStep);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"{name}, {steps} steps, output {i}: {actual[i]} vs reference {expected[i]}");
            // The loss Backward returns is the mean over the steps of each step's loss (a sum would be steps times larger).
            network.ZeroGradients();
            float returned = network.Backward(target);
            double reference = DoubleReference.Loss(definition.Loss, expected, target, network.OutputSize);
            Assert.True(Math.Abs(returned - reference) <= 1e-5 * (1 + Math.Abs(reference)), $"{name}, {steps} steps: Backward returned loss {returned}, reference {reference}");
        }
    }

    [Fact]
    public void TheWideNetworksReallyUseTheLoopEmittedPath()
    {
        // Guards the premise: those recurrent layers have more than the 256 weights that are unrolled, the others not.
        foreach (SequenceNetworks.Definition definition in SequenceNetworks.Definitions)
        {
            INetwork network = _networks.Create(definition.Name);
            IEnumerable<LayerInfo> recurrent = network.Layers.Where(layer => layer.Kind is LayerKind.Recurrent or LayerKind.Lstm or LayerKind.Gru);
            if (definition.Name.StartsWith("Wide", StringComparison.Ordinal))
                Assert.Contains(recurrent, layer => layer.WeightCount > 256);
            else
                Assert.All(network.Layers, layer => Assert.True(layer.WeightCount <= 256, $"{definition.Name}.{layer.Name}"));
        }
    }

    private void Check(string name, int steps)
    {
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork network = _networks.Create(name);
        string what = $"{name}, {steps} steps";
        GradientChecker.RandomizeBiases(network, seed: 11);
        var entries = new List<GradientChecker.Entry>();
        for (int sample = 0; sample < Samples; sample++)
        {
            float[] input = SequenceNetworks.Input(network, steps, 700 + 10 * steps + sample);
            float[] target = SequenceNetworks.Target(definition, network, steps, 720 + sample);
            entries.AddRange(GradientChecker.Compute(network, definition.Loss, input, target).Entries);
        }
        // The samples together, so that a ReLU unit dead on one sample cannot make the check vacuous.
        var combined = new GradientChecker.Result(entries);
        GradientChecker.AssertMatches(combined, network, what);
        GradientChecker.AssertDetectsWrongFactors(combined, what);
    }
}
