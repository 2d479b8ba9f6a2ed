using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Generated TrainStep and TrainBatch apply plain SGD layer by layer inside the backward pass (Sgd.BeginFusedStep); every other optimizer
/// steps afterwards. The two must leave the same bits: here a plain Sgd against the same Sgd behind a wrapper that
/// hides its type, over every kind of layer and emission (unrolled, kernel, residual, per-step dense (unrolled and loop), Elman, LSTM).
/// </summary>
public sealed class FusedSgdStepTests
{
    /// <summary>Hides the optimizer's type, so generated code cannot fuse it.</summary>
    private sealed class Opaque(IOptimizer inner) : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => inner.Step(parameters, gradients);
    }

    public static IEnumerable<object[]> Networks() =>
    [
        // name, network, steps in the input, output rows (one per step for SequenceLstmNet), softmax targets
        [nameof(SmallNet), (Func<INetwork>)(() => new SmallNet()), 1, 1, true],
        [nameof(WideNet), (Func<INetwork>)(() => new WideNet()), 1, 1, false],
        [nameof(WideSoftmaxNet), (Func<INetwork>)(() => new WideSoftmaxNet()), 1, 1, true],
        [nameof(ResidualNet), (Func<INetwork>)(() => new ResidualNet()), 1, 1, false],
        [nameof(WideResidualNet), (Func<INetwork>)(() => new WideResidualNet()), 1, 1, true],
        [nameof(LargeNet), (Func<INetwork>)(() => new LargeNet()), 1, 1, true],
        [nameof(SequenceRnnNet), (Func<INetwork>)(() => new SequenceRnnNet()), 6, 1, false],
        [nameof(SequenceLstmNet), (Func<INetwork>)(() => new SequenceLstmNet()), 6, 6, true],
        [nameof(WideSequenceLstmNet), (Func<INetwork>)(() => new WideSequenceLstmNet()), 6, 1, false],
        [nameof(PerStepDenseNet), (Func<INetwork>)(() => new PerStepDenseNet()), 6, 6, false],
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void FusedSgdLeavesTheBitsOfAStepAfterBackward(string name, Func<INetwork> create, int steps, int outputRows, bool probabilities)
    {
        INetwork fused = create(), separate = create();
        var sgd = new Sgd(0.05f);
        var opaque = new Opaque(new Sgd(0.05f));
        float[] start = fused.Parameters.ToArray();
        for (int step = 0; step < 3; step++)
        {
            float[] input = TestData.Uniform(steps * fused.InputSize, 100 + step);
            int targetLength = outputRows * fused.OutputSize;
            float[] target = probabilities ? SoftTargets(targetLength, fused.OutputSize, 200 + step) : TestData.Uniform(targetLength, 200 + step);

            float fusedLoss = fused.TrainStep(input, target, sgd);
            float separateLoss = separate.TrainStep(input, target, opaque);

            Assert.Equal(separateLoss, fusedLoss);
            Assert.True(fused.Gradients.SequenceEqual(separate.Gradients), $"{name}, step {step + 1}: gradients differ");
            Assert.True(fused.Parameters.SequenceEqual(separate.Parameters), $"{name}, step {step + 1}: parameters differ");
        }
        Assert.False(fused.Parameters.SequenceEqual(start), $"{name}: the fused steps changed nothing");
        Assert.Equal(3, sgd.StepCount);
        Assert.True(float.IsNaN(sgd.LastGradientNorm));
    }

    public static IEnumerable<object[]> BatchNetworks() =>
    [
        // name, network, batch size (5: the products' edge rows; 32: large enough to be shared with the second core)
        [nameof(WideNet), (Func<INetwork>)(() => new WideNet()), 5, false],
        [nameof(WideResidualNet), (Func<INetwork>)(() => new WideResidualNet()), 5, true],
        [nameof(LargeNet), (Func<INetwork>)(() => new LargeNet()), 32, true],
    ];

    [Theory]
    [MemberData(nameof(BatchNetworks))]
    public void FusedSgdInTrainBatchLeavesTheBitsOfAStepAfterBackward(string name, Func<INetwork> create, int batchSize, bool probabilities)
    {
        INetwork fused = create(), separate = create();
        var sgd = new Sgd(0.05f);
        var opaque = new Opaque(new Sgd(0.05f));
        float[] start = fused.Parameters.ToArray();
        for (int step = 0; step < 3; step++)
        {
            float[] inputs = TestData.Uniform(batchSize * fused.InputSize, 500 + step);
            float[] targets = probabilities ? SoftTargets(batchSize * fused.OutputSize, fused.OutputSize, 600 + step) : TestData.Uniform(batchSize * fused.OutputSize, 600 + step);

            Assert.Equal(separate.TrainBatch(inputs, targets, batchSize, opaque), fused.TrainBatch(inputs, targets, batchSize, sgd));
            Assert.True(fused.Gradients.SequenceEqual(separate.Gradients), $"{name}, step {step + 1}: gradients differ");
            Assert.True(fused.Parameters.SequenceEqual(separate.Parameters), $"{name}, step {step + 1}: parameters differ");
        }
        Assert.False(fused.Parameters.SequenceEqual(start), $"{name}: the fused steps changed nothing");
        Assert.Equal(3, sgd.StepCount);
    }

    [Fact]
    public void MomentumAndClippingAreNotFusedAndStillApplyEveryStep()
    {
        foreach (Sgd sgd in new[] { new Sgd(0.05f, momentum: 0.9f), new Sgd(0.05f) { MaxGradientNorm = 0.01f } })
        {
            Assert.Equal(0f, sgd.BeginFusedStep(WideNet.ParameterCount));
            Assert.Equal(0, sgd.StepCount); // declining records nothing

            var fused = new WideNet();
            var reference = new WideNet();
            var referenceSgd = new Sgd(sgd.LearningRate, sgd.Momentum) { MaxGradientNorm = sgd.MaxGradientNorm };
            var opaque = new Opaque(referenceSgd);
            for (int step = 0; step < 3; step++)
            {
                float[] input = TestData.Uniform(WideNet.InputSize, 300 + step), target = TestData.Uniform(WideNet.OutputSize, 400 + step);
                fused.TrainStep(input, target, sgd);
                reference.TrainStep(input, target, opaque);
            }
            Assert.True(fused.Parameters.SequenceEqual(reference.Parameters));
            Assert.Equal(3, sgd.StepCount);
            Assert.Equal(referenceSgd.LastGradientNorm, sgd.LastGradientNorm);
        }
    }

    [Fact]
    public void AFusedStepOnAnotherNetworkSizeIsRefusedAsStepRefusesIt()
    {
        var sgd = new Sgd(0.1f);
        new SmallNet().TrainStep(TestData.Uniform(SmallNet.InputSize, 1), TestData.SoftTarget(SmallNet.OutputSize, 2), sgd);
        var error = Assert.Throws<ArgumentException>(() => new WideNet().TrainStep(TestData.Uniform(WideNet.InputSize, 1), TestData.Uniform(WideNet.OutputSize, 2), sgd));
        Assert.Contains("use one optimizer per network", error.Message);
        Assert.Equal(1, sgd.StepCount);
    }

    private static float[] SoftTargets(int length, int classes, int seed)
    {
        float[] targets = new float[length];
        for (int row = 0; row < length / classes; row++) TestData.SoftTarget(classes, seed + row).CopyTo(targets, row * classes);
        return targets;
    }
}
