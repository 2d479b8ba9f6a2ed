using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Batches of sequences (batch × steps × InputSize values, sequence-major): TrainBatch hands the optimizer the mean
/// of the single-sequence gradients and returns their mean loss, batched Forward equals Forward on each sequence,
/// and growing or reusing the workspace between lengths changes no result.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class SequenceBatchTests : IClassFixture<SequenceNetworks>
{
    private const int BatchSize = 3;
    private readonly SequenceNetworks _networks;

    public SequenceBatchTests(SequenceNetworks networks) => _networks = networks;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { SequenceNetworks.Elman(Activation.Tanh), "Lstm", "RecurrentThenLstm", "LstmSequenceSoftmax", "RecurrentSequenceSigmoid", "DenseAroundLstmSequence", "WideStack", "Gru", "LstmThenGru", "GruSequenceSoftmax", "DenseAroundGruSequence", "WideGruSequence" })
            foreach (int steps in new[] { 1, 6 }) data.Add(name, steps);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainBatchAppliesTheMeanGradientAndReturnsTheMeanLoss(string name, int steps)
    {
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork network = _networks.Create(name);
        GradientChecker.RandomizeBiases(network, seed: 13);
        (float[] inputs, float[] targets) = Batch(definition, network, steps);
        int inputLength = steps * network.InputSize, targetLength = targets.Length / BatchSize;

        var meanGradient = new double[network.ParameterCount];
        double meanLoss = 0;
        var output = new float[targetLength];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            network.ZeroGradients();
            network.Forward(inputs.AsSpan(sample * inputLength, inputLength), output);
            meanLoss += network.Backward(targets.AsSpan(sample * targetLength, targetLength)) / (double)BatchSize;
            for (int k = 0; k < meanGradient.Length; k++) meanGradient[k] += network.Gradients[k] / (double)BatchSize;
        }

        float[] parametersBefore = network.Parameters.ToArray();
        network.Gradients.Fill(123f); // TrainBatch must start from zero, whatever was left in Gradients
        var optimizer = new RecordingOptimizer();
        float batchLoss = network.TrainBatch(inputs, targets, BatchSize, optimizer);

        float[] recorded = Assert.Single(optimizer.Gradients);
        Assert.Equal(TestData.Bits(parametersBefore), TestData.Bits(Assert.Single(optimizer.Parameters)));
        double scale = meanGradient.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"{name}: the gradient is too small for the comparison to mean anything");
        for (int k = 0; k < recorded.Length; k++)
            Assert.True(Math.Abs(recorded[k] - meanGradient[k]) <= 1e-6 * scale + 1e-5 * Math.Abs(meanGradient[k]),
                $"{name}, {steps} steps: parameter {k} ({GradientChecker.Locate(network, k)}): TrainBatch gave {recorded[k]}, mean of single sequences {meanGradient[k]}");
        Assert.Equal(meanLoss, batchLoss, 1e-5 * Math.Max(1, Math.Abs(meanLoss)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedForwardEqualsSingleForwardBitwise(string name, int steps)
    {
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork network = _networks.Create(name);
        GradientChecker.RandomizeBiases(network, seed: 14);
        (float[] inputs, float[] targets) = Batch(definition, network, steps);
        int inputLength = steps * network.InputSize, outputLength = targets.Length / BatchSize;
        var batched = new float[targets.Length];
        network.Forward(inputs, batched, BatchSize);
        var single = new float[outputLength];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            network.Forward(inputs.AsSpan(sample * inputLength, inputLength), single);
            Assert.Equal(TestData.Bits(single), TestData.Bits(batched.AsSpan(sample * outputLength, outputLength)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainStepHandsTheOptimizerExactlyTheBackwardGradient(string name, int steps)
    {
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork network = _networks.Create(name);
        float[] input = SequenceNetworks.Input(network, steps, 810), target = SequenceNetworks.Target(definition, network, steps, 811);

        network.ZeroGradients();
        network.Forward(input, new float[target.Length]);
        float expectedLoss = network.Backward(target);
        float[] expected = network.Gradients.ToArray();

        network.Gradients.Fill(-7f); // TrainStep zeroes first
        var optimizer = new RecordingOptimizer();
        float actualLoss = network.TrainStep(input, target, optimizer);

        Assert.Equal(TestData.Bits(expected), TestData.Bits(Assert.Single(optimizer.Gradients)));
        Assert.Equal(expectedLoss, actualLoss);
    }

    [Theory]
    [InlineData("Lstm")]
    [InlineData("LstmSequenceSoftmax")]
    [InlineData("WideStack")]
    [InlineData("Gru")]
    [InlineData("WideGruSequence")]
    public void GrowingAndReusingTheWorkspaceChangesNoResult(string name)
    {
        // One network runs 3, 17, 2, 17, 5 steps (growing once, then reusing a longer workspace for shorter
        // sequences); each result must equal, bit for bit, what a fresh network computes for that length alone.
        SequenceNetworks.Definition definition = SequenceNetworks.Find(name);
        INetwork reused = _networks.Create(name);
        foreach (int steps in new[] { 3, 17, 2, 17, 5 })
        {
            INetwork fresh = _networks.Create(name);
            float[] input = SequenceNetworks.Input(reused, steps, 900 + steps), target = SequenceNetworks.Target(definition, reused, steps, 920 + steps);
            (float[] Output, float Loss, float[] Gradient) Run(INetwork network)
            {
                var output = new float[target.Length];
                network.ZeroGradients();
                network.Forward(input, output);
                float loss = network.Backward(target);
                return (output, loss, network.Gradients.ToArray());
            }
            var (expectedOutput, expectedLoss, expectedGradient) = Run(fresh);
            var (actualOutput, actualLoss, actualGradient) = Run(reused);
            Assert.Equal(TestData.Bits(expectedOutput), TestData.Bits(actualOutput));
            Assert.Equal(expectedLoss, actualLoss);
            Assert.Equal(TestData.Bits(expectedGradient), TestData.Bits(actualGradient));
        }
    }

    private static (float[] Inputs, float[] Targets) Batch(SequenceNetworks.Definition definition, INetwork network, int steps)
    {
        float[] inputs = SequenceNetworks.Input(network, BatchSize * steps, 800);
        float[][] targets = Enumerable.Range(0, BatchSize).Select(sample => SequenceNetworks.Target(definition, network, steps, 820 + 7 * sample)).ToArray();
        return (inputs, targets.SelectMany(target => target).ToArray());
    }
}
