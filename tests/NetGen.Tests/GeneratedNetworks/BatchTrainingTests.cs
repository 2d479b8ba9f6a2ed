using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// TrainBatch against the definition "mean loss, mean gradient": the gradient it hands the optimizer (recorded
/// by a test double) equals the mean of the single-sample gradients from Forward + Backward, and the loss it
/// returns equals their mean loss.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class BatchTrainingTests
{
    private const int BatchSize = 5;

    public static TheoryData<string> Networks() => StructureGradientTests.Networks();

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAppliesTheMeanGradientAndReturnsTheMeanLoss(string name)
    {
        (INetwork network, Loss loss) = StructureGradientTests.Create(name);
        (float[] inputs, float[] targets) = Batch(network, loss);

        var meanGradient = new double[network.ParameterCount];
        double meanLoss = 0;
        var output = new float[network.OutputSize];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            network.ZeroGradients();
            network.Forward(inputs.AsSpan(sample * network.InputSize, network.InputSize), output);
            meanLoss += network.Backward(targets.AsSpan(sample * network.OutputSize, network.OutputSize)) / (double)BatchSize;
            for (int k = 0; k < meanGradient.Length; k++) meanGradient[k] += network.Gradients[k] / (double)BatchSize;
        }

        float[] parametersBefore = network.Parameters.ToArray();
        network.Gradients.Fill(123f); // TrainBatch must start from zero, whatever was left in Gradients
        var optimizer = new RecordingOptimizer();
        float batchLoss = network.TrainBatch(inputs, targets, BatchSize, optimizer);

        float[] recorded = Assert.Single(optimizer.Gradients);
        Assert.Equal(TestData.Bits(parametersBefore), TestData.Bits(Assert.Single(optimizer.Parameters)));
        double scale = meanGradient.Max(Math.Abs);
        for (int k = 0; k < recorded.Length; k++)
            Assert.True(Math.Abs(recorded[k] - meanGradient[k]) <= 1e-6 * scale + 1e-5 * Math.Abs(meanGradient[k]),
                $"{name}: parameter {k} ({GradientChecker.Locate(network, k)}): TrainBatch gave {recorded[k]}, mean of single samples {meanGradient[k]}");
        Assert.Equal(meanLoss, batchLoss, 1e-5 * Math.Max(1, Math.Abs(meanLoss)));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStepHandsTheOptimizerExactlyTheBackwardGradient(string name)
    {
        (INetwork network, Loss loss) = StructureGradientTests.Create(name);
        (float[] inputs, float[] targets) = Batch(network, loss);
        float[] input = inputs[..network.InputSize], target = targets[..network.OutputSize];

        network.ZeroGradients();
        network.Forward(input, new float[network.OutputSize]);
        float expectedLoss = network.Backward(target);
        float[] expected = network.Gradients.ToArray();

        network.Gradients.Fill(-7f); // TrainStep zeroes first
        var optimizer = new RecordingOptimizer();
        float actualLoss = network.TrainStep(input, target, optimizer);

        Assert.Equal(TestData.Bits(expected), TestData.Bits(Assert.Single(optimizer.Gradients)));
        Assert.Equal(expectedLoss, actualLoss);
    }

    /// <summary>
    /// Networks with a large layer run a batch as matrix products, which sum in another order than one sample at a
    /// time: the outputs agree to float rounding, not bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void BatchedForwardAgreesWithSingleForward(string name)
    {
        (INetwork network, Loss loss) = StructureGradientTests.Create(name);
        (float[] inputs, _) = Batch(network, loss);
        var batched = new float[BatchSize * network.OutputSize];
        network.Forward(inputs, batched, BatchSize);
        var single = new float[network.OutputSize];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            network.Forward(inputs.AsSpan(sample * network.InputSize, network.InputSize), single);
            for (int o = 0; o < single.Length; o++)
                Assert.True(Math.Abs(single[o] - batched[sample * network.OutputSize + o]) <= 1e-5f * Math.Max(1f, Math.Abs(single[o])),
                    $"{name}: sample {sample}, output {o}: batched {batched[sample * network.OutputSize + o]}, single {single[o]}");
        }
    }

    [Fact]
    public void TrainBatchStepsTheOptimizerOnTheMeanGradient()
    {
        // With plain SGD the update is visible in the parameters: p' = p − lr·mean(g).
        var network = new BinaryNet();
        (float[] inputs, float[] targets) = Batch(network, Loss.BinaryCrossEntropy);
        var recorder = new RecordingOptimizer();
        network.Clone().TrainBatch(inputs, targets, BatchSize, recorder);
        float[] gradient = recorder.Gradients[0], before = network.Parameters.ToArray();

        network.TrainBatch(inputs, targets, BatchSize, new Sgd(learningRate: 0.5f));
        for (int k = 0; k < before.Length; k++)
            Assert.Equal(before[k] - 0.5f * gradient[k], network.Parameters[k], 1e-6f);
    }

    private static (float[] Inputs, float[] Targets) Batch(INetwork network, Loss loss)
    {
        float[] inputs = TestData.Uniform(BatchSize * network.InputSize, 300);
        float[] targets = new float[BatchSize * network.OutputSize];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            float[] target = loss == Loss.CrossEntropy && sample % 2 == 1
                ? TestData.SoftTarget(network.OutputSize, 310 + sample)
                : TestData.Target(loss, network.OutputSize, 310 + sample);
            target.CopyTo(targets, sample * network.OutputSize);
        }
        return (inputs, targets);
    }
}
