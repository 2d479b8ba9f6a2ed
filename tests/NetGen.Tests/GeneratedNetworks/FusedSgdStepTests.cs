using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Generated TrainStep and TrainBatch apply plain SGD layer by layer inside the backward pass (Sgd.BeginFusedStep); every other optimizer
/// steps afterwards. The two must leave the same bits: here a plain Sgd against the same Sgd behind a wrapper that
/// hides its type, over every kind of layer and emission (unrolled, kernel, residual, per-step dense (unrolled and loop), Elman, LSTM, GRU).
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class FusedSgdStepTests
{
    /// <summary>Hides the optimizer's type, so generated code cannot fuse it.</summary>
    private sealed class Opaque(IOptimizer inner) : IOptimizer
    {
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => inner.Step(parameters, gradients);
    }

    public static IEnumerable<object[]> Networks() =>
    [
        // name, network, steps in the input, output rows (one per step for SequenceLstmNet and SequenceGruTaggerNet), softmax targets
        [nameof(SmallNet), (Func<INetwork>)(() => new SmallNet()), 1, 1, true],
        [nameof(WideNet), (Func<INetwork>)(() => new WideNet()), 1, 1, false],
        [nameof(WideSoftmaxNet), (Func<INetwork>)(() => new WideSoftmaxNet()), 1, 1, true],
        [nameof(WideSeluSiluNet), (Func<INetwork>)(() => new WideSeluSiluNet()), 1, 1, false],
        [nameof(ResidualNet), (Func<INetwork>)(() => new ResidualNet()), 1, 1, false],
        [nameof(WideResidualNet), (Func<INetwork>)(() => new WideResidualNet()), 1, 1, true],
        [nameof(LargeNet), (Func<INetwork>)(() => new LargeNet()), 1, 1, true],
        [nameof(SequenceRnnNet), (Func<INetwork>)(() => new SequenceRnnNet()), 6, 1, false],
        [nameof(SequenceLstmNet), (Func<INetwork>)(() => new SequenceLstmNet()), 6, 6, true],
        [nameof(WideSequenceLstmNet), (Func<INetwork>)(() => new WideSequenceLstmNet()), 6, 1, false],
        [nameof(PerStepDenseNet), (Func<INetwork>)(() => new PerStepDenseNet()), 6, 6, false],
        [nameof(SequenceGruNet), (Func<INetwork>)(() => new SequenceGruNet()), 6, 1, false],
        [nameof(SequenceGruTaggerNet), (Func<INetwork>)(() => new SequenceGruTaggerNet()), 6, 6, true],
        [nameof(WideSequenceGruNet), (Func<INetwork>)(() => new WideSequenceGruNet()), 6, 1, false],
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void FusedSgdLeavesTheBitsOfAStepAfterBackward(string name, Func<INetwork> create, int steps, int outputRows, bool probabilities)
        => AssertFusedEqualsSeparate(name, create, (network, optimizer, step) =>
        {
            float[] input = TestData.Uniform(steps * network.InputSize, 100 + step);
            return network.TrainStep(input, Targets(outputRows, network.OutputSize, probabilities, 200 + step), optimizer);
        });

    public static IEnumerable<object[]> BatchNetworks() =>
    [
        // name, network, batch size (5: the products' edge rows; 32: large enough to be shared with the second core)
        [nameof(WideNet), (Func<INetwork>)(() => new WideNet()), 5, false],
        [nameof(WideResidualNet), (Func<INetwork>)(() => new WideResidualNet()), 5, true],
        [nameof(WideSeluSiluNet), (Func<INetwork>)(() => new WideSeluSiluNet()), 5, false],
        [nameof(LargeNet), (Func<INetwork>)(() => new LargeNet()), 32, true],
    ];

    [Theory]
    [MemberData(nameof(BatchNetworks))]
    public void FusedSgdInTrainBatchLeavesTheBitsOfAStepAfterBackward(string name, Func<INetwork> create, int batchSize, bool probabilities)
        => AssertFusedEqualsSeparate(name, create, (network, optimizer, step) =>
        {
            float[] inputs = TestData.Uniform(batchSize * network.InputSize, 500 + step);
            return network.TrainBatch(inputs, Targets(batchSize, network.OutputSize, probabilities, 600 + step), batchSize, optimizer);
        });

    /// <summary>
    /// Three steps on two copies of a network, one given a plain Sgd (fused), the other the same Sgd behind
    /// <see cref="Opaque"/>: the same loss, gradients and parameters after every step, and the steps did move.
    /// </summary>
    private static void AssertFusedEqualsSeparate(string name, Func<INetwork> create, Func<INetwork, IOptimizer, int, float> step)
    {
        INetwork fused = create(), separate = create();
        var sgd = new Sgd(0.05f);
        var opaque = new Opaque(new Sgd(0.05f));
        float[] start = fused.Parameters.ToArray();
        for (int index = 0; index < 3; index++)
        {
            Assert.Equal(step(separate, opaque, index), step(fused, sgd, index));
            Assert.True(fused.Gradients.SequenceEqual(separate.Gradients), $"{name}, step {index + 1}: gradients differ");
            Assert.True(fused.Parameters.SequenceEqual(separate.Parameters), $"{name}, step {index + 1}: parameters differ");
        }
        Assert.False(fused.Parameters.SequenceEqual(start), $"{name}: the fused steps changed nothing");
        Assert.Equal(3, sgd.StepCount);
        Assert.True(float.IsNaN(sgd.LastGradientNorm));
    }

    [Fact]
    public void MomentumAndClippingAreNotFusedAndStillApplyEveryStep()
    {
        foreach (Sgd sgd in new[] { new Sgd(0.05f, momentum: 0.9f), new Sgd(0.05f) { MaxGradientNorm = 0.01f } })
        {
            Assert.Equal(0f, sgd.BeginFusedStep(WideNet.ParameterCount).Update);
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

    /// <summary><paramref name="rows"/> targets: soft probability rows for softmax outputs, else uniform values.</summary>
    private static float[] Targets(int rows, int width, bool probabilities, int seed)
    {
        if (!probabilities) return TestData.Uniform(rows * width, seed);
        float[] targets = new float[rows * width];
        for (int row = 0; row < rows; row++) TestData.SoftTarget(width, seed + row).CopyTo(targets, row * width);
        return targets;
    }
}
