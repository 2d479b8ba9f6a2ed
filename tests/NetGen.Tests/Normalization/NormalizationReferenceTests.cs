using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every normalisation and dropout form against <see cref="DoubleReference"/>, written from PyTorch's definitions: three
/// TrainBatch calls (their losses, then the running statistics, num_batches_tracked and dropout's draws), the mean gradient
/// of a batch, and evaluation (Forward, single and batched) by the running statistics the training left.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class NormalizationReferenceTests(NormalizationVariants variants) : IClassFixture<NormalizationVariants>
{
    private const int BatchSize = 4, Batches = 3;

    public static TheoryData<string> Variants() => NormalizationVariants.Names();

    [Theory]
    [MemberData(nameof(Variants))]
    public void TrainingMatchesTheDoubleReferenceOverThreeBatches(string name)
    {
        NormalizationVariants.Variant variant = NormalizationVariants.Named(name);
        INetwork network = variants.Create(name);
        GradientChecker.RandomizeBiases(network, 5);
        var state = DoubleReference.TrainingState.Of(network, variant.Seed);
        var optimizer = new RecordingOptimizer(); // the parameters stay as they are; the state moves
        for (int batch = 0; batch < Batches; batch++)
        {
            (float[] inputs, float[] targets) = NormalizationGradientTests.Batch(network, variant.Loss, BatchSize, 20 + 10 * batch);
            double expected = DoubleReference.TrainingLoss(variant.Loss, network.Layers, network.Parameters, inputs, targets, BatchSize, state);
            float loss = network.TrainBatch(inputs, targets, BatchSize, optimizer);
            Assert.True(Math.Abs(loss - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{name}, batch {batch}: loss {loss}, reference {expected}");
        }
        for (int i = 0; i < state.Buffers.Length; i++)
            Assert.True(Math.Abs(network.Buffers[i] - state.Buffers[i]) <= 1e-5 * Math.Max(1, Math.Abs(state.Buffers[i])), $"{name}: Buffers[{i}] = {network.Buffers[i]}, reference {state.Buffers[i]}");
        Assert.Equal(state.Counters, network.Counters.ToArray());
        foreach (LayerInfo layer in network.Layers)
        {
            if (layer.Kind == LayerKind.BatchNorm) Assert.Equal(Batches, network.Counters[layer.CounterOffset]); // num_batches_tracked
            if (layer.Kind == LayerKind.Dropout) Assert.Equal(Batches * BatchSize * layer.OutputSize, network.Counters[layer.CounterOffset]); // draws
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TrainBatchMeanGradientMatchesTheReferenceBatchGradient(string name)
    {
        NormalizationVariants.Variant variant = NormalizationVariants.Named(name);
        INetwork network = variants.Create(name);
        GradientChecker.RandomizeBiases(network, 6);
        NormalizationGradientTests.MoveRunningStatistics(network);
        (float[] inputs, float[] targets) = NormalizationGradientTests.Batch(network, variant.Loss, BatchSize, 31);
        double[] expected = DoubleReference.TrainingGradient(variant.Loss, network.Layers, network.Parameters, inputs, targets, BatchSize,
            DoubleReference.TrainingState.Of(network, variant.Seed));
        var optimizer = new RecordingOptimizer();
        network.TrainBatch(inputs, targets, BatchSize, optimizer);
        float[] actual = optimizer.Gradients.Single();
        double norm = Math.Sqrt(expected.Sum(g => g * g));
        Assert.True(norm > 1e-3, $"{name}: the reference gradient is too small ({norm:G3}) for the comparison to mean anything.");
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= 1e-4 * Math.Max(1, norm) + 1e-3 * Math.Abs(expected[k]),
                $"{name}: parameter {k} ({GradientChecker.Locate(network, k)}): TrainBatch {actual[k]:G6}, reference {expected[k]:G6}");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EvaluationMatchesTheDoubleReference(string name)
    {
        NormalizationVariants.Variant variant = NormalizationVariants.Named(name);
        INetwork network = variants.Create(name);
        GradientChecker.RandomizeBiases(network, 7);
        (float[] trainInputs, float[] trainTargets) = NormalizationGradientTests.Batch(network, variant.Loss, BatchSize, 41);
        var sgd = new Sgd(0.05f);
        for (int batch = 0; batch < Batches; batch++) network.TrainBatch(trainInputs, trainTargets, BatchSize, sgd); // running statistics away from 0 and 1
        float[] before = network.Buffers.ToArray();
        long[] counters = network.Counters.ToArray();

        float[] inputs = TestData.Uniform(BatchSize * network.InputSize, 42);
        var outputs = new float[BatchSize * network.OutputSize];
        network.Forward(inputs, outputs, BatchSize);
        var output = new float[network.OutputSize];
        for (int r = 0; r < BatchSize; r++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(r * network.InputSize, network.InputSize);
            double[] expected = DoubleReference.Forward(network.Layers, network.Parameters, input, buffers: network.Buffers);
            network.Forward(input, output);
            for (int o = 0; o < network.OutputSize; o++)
            {
                Assert.True(Math.Abs(output[o] - expected[o]) <= 1e-5 * Math.Max(1, Math.Abs(expected[o])), $"{name}, Forward row {r}, output {o}: {output[o]}, reference {expected[o]}");
                float batched = outputs[r * network.OutputSize + o];
                Assert.True(Math.Abs(batched - expected[o]) <= 1e-5 * Math.Max(1, Math.Abs(expected[o])), $"{name}, batched Forward row {r}, output {o}: {batched}, reference {expected[o]}");
            }
        }
        Assert.Equal(TestData.Bits(before), TestData.Bits(network.Buffers)); // evaluation changes no state
        Assert.Equal(counters, network.Counters.ToArray());
    }
}
