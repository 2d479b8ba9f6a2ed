using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Finite differences of every normalisation and dropout form, in both modes: TrainBatch's gradient through the batch
/// statistics and the dropout masks (<see cref="BatchGradientChecker"/>), and Backward's in evaluation, by the running
/// statistics (<see cref="GradientChecker"/>, which also proves it would catch a gradient off by a factor).
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class NormalizationGradientTests(NormalizationVariants variants) : IClassFixture<NormalizationVariants>
{
    private const int BatchSize = 5;

    public static TheoryData<string> Variants() => NormalizationVariants.Names();

    [Theory]
    [MemberData(nameof(Variants))]
    public void TrainBatchGradientMatchesFiniteDifferences(string name)
    {
        INetwork network = variants.Create(name);
        GradientChecker.RandomizeBiases(network, 3);
        AssertTrainBatchGradient(network, NormalizationVariants.Named(name).Loss);
    }

    [Fact]
    public void TrainBatchGradientOfTheDeclaredNetworksMatchesFiniteDifferences()
    {
        AssertTrainBatchGradient(new BatchNormMlp(), Loss.CrossEntropy);
        AssertTrainBatchGradient(new BatchNormConvNet(), Loss.MeanSquaredError);
        AssertTrainBatchGradient(new LayerNormMlp(), Loss.MeanSquaredError);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EvaluationGradientMatchesFiniteDifferences(string name)
    {
        INetwork network = variants.Create(name);
        MoveRunningStatistics(network);
        GradientChecker.AssertMatchesOnSamples(network, NormalizationVariants.Named(name).Loss, name, 2, 7);
    }

    [Fact]
    public void EvaluationGradientOfTheDeclaredNetworksMatchesFiniteDifferences()
    {
        foreach ((INetwork network, Loss loss) in new (INetwork, Loss)[] { (new BatchNormMlp(), Loss.CrossEntropy), (new BatchNormConvNet(), Loss.MeanSquaredError), (new LayerNormMlp(), Loss.MeanSquaredError) })
        {
            MoveRunningStatistics(network);
            GradientChecker.AssertMatchesOnSamples(network, loss, network.GetType().Name, 2, 7);
        }
    }

    /// <summary>Running means in [−0.2, 0.2] and variances in [0.5, 0.9], so evaluation is not the identity (mean 0, variance 1).</summary>
    internal static void MoveRunningStatistics(INetwork network)
    {
        foreach (LayerInfo layer in network.Layers)
        {
            if (layer.Kind != LayerKind.BatchNorm) continue;
            int channels = layer.OutputShape[0];
            for (int c = 0; c < channels; c++)
            {
                network.Buffers[layer.BufferOffset + c] = 0.1f * (c % 5 - 2);
                network.Buffers[layer.BufferOffset + channels + c] = 0.5f + 0.1f * (c % 5);
            }
        }
    }

    /// <summary>Uniform inputs; one-hot targets for cross-entropy, uniform ones otherwise.</summary>
    internal static (float[] Inputs, float[] Targets) Batch(INetwork network, Loss loss, int batchSize, int seed)
    {
        float[] inputs = TestData.Uniform(batchSize * network.InputSize, seed);
        var targets = new float[batchSize * network.OutputSize];
        for (int r = 0; r < batchSize; r++)
            TestData.Target(loss, network.OutputSize, seed + 1 + r).CopyTo(targets, r * network.OutputSize);
        return (inputs, targets);
    }

    private static void AssertTrainBatchGradient(INetwork network, Loss loss)
    {
        (float[] inputs, float[] targets) = Batch(network, loss, BatchSize, 11);
        (double worst, string where, double wrongFactor) = BatchGradientChecker.Check(network, inputs, targets, BatchSize);
        Assert.True(worst < 1, $"{network.GetType().Name}: {where}");
        Assert.True(wrongFactor > 1, $"{network.GetType().Name}: the check would also accept a gradient off by a factor 2, ½ or −1 (ratio {wrongFactor:G3}).");
    }
}
