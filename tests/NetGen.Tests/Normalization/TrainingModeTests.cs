using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// "The method is the mode": TrainStep is TrainBatch with a batch of one; batch normalisation over features refuses a batch
/// of one before changing anything (PyTorch raises too), while after a convolution its positions make a batch of one enough.
/// </summary>
public sealed class TrainingModeTests
{
    public static TheoryData<string> OneSampleNetworks() => new(nameof(BatchNormConvNet), nameof(LayerNormMlp), nameof(DropoutProbe));

    private static INetwork Create(string name) => name switch
    {
        nameof(BatchNormConvNet) => new BatchNormConvNet(),
        nameof(LayerNormMlp) => new LayerNormMlp(),
        nameof(DropoutProbe) => new DropoutProbe(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(OneSampleNetworks))]
    public void TrainStepIsTrainBatchWithABatchOfOne(string name)
    {
        INetwork stepped = Create(name), batched = Create(name);
        float[] input = TestData.Uniform(stepped.InputSize, 3), target = TestData.Uniform(stepped.OutputSize, 4);
        for (int step = 0; step < 2; step++)
        {
            var stepOptimizer = new RecordingOptimizer();
            var batchOptimizer = new RecordingOptimizer();
            float stepLoss = stepped.TrainStep(input, target, stepOptimizer);
            float batchLoss = batched.TrainBatch(input, target, 1, batchOptimizer);
            Assert.Equal(batchLoss, stepLoss);
            Assert.Equal(TestData.Bits(batchOptimizer.Gradients.Single()), TestData.Bits(stepOptimizer.Gradients.Single()));
            Assert.Equal(TestData.Bits(batched.Buffers), TestData.Bits(stepped.Buffers));
            Assert.Equal(batched.Counters.ToArray(), stepped.Counters.ToArray());
        }
    }

    [Fact]
    public void BatchNormAfterAConvolutionTrainsOnOneSample()
    {
        var network = new BatchNormConvNet();
        float[] before = network.Norm.RunningMean.ToArray();
        network.TrainStep(TestData.Uniform(BatchNormConvNet.InputSize, 5), TestData.Uniform(BatchNormConvNet.OutputSize, 6), new Sgd(0.01f));
        Assert.Equal(1, network.Norm.BatchesTracked);
        Assert.NotEqual(before, network.Norm.RunningMean.ToArray());
    }

    [Fact]
    public void BatchNormOverFeaturesRefusesABatchOfOneAndChangesNothing()
    {
        var network = new BatchNormMlp();
        float[] parameters = network.Parameters.ToArray(), buffers = network.Buffers.ToArray();
        long[] counters = network.Counters.ToArray();
        float[] input = TestData.Uniform(BatchNormMlp.InputSize, 7), target = TestData.OneHot(BatchNormMlp.OutputSize, 1);
        var optimizer = new RecordingOptimizer();
        var exception = Assert.Throws<InvalidOperationException>(() => network.TrainStep(input, target, optimizer));
        Assert.Contains("Norm", exception.Message);
        Assert.Throws<InvalidOperationException>(() => network.TrainBatch(input, target, 1, optimizer));
        Assert.Empty(optimizer.Gradients);
        Assert.Equal(TestData.Bits(parameters), TestData.Bits(network.Parameters));
        Assert.Equal(TestData.Bits(buffers), TestData.Bits(network.Buffers));
        Assert.Equal(counters, network.Counters.ToArray());
        network.TrainBatch([.. input, .. input.Reverse()], [.. target, .. target], 2, optimizer); // two rows are enough
        Assert.Equal(1, network.Norm.BatchesTracked);
    }

    [Fact]
    public void ForwardAndBackwardChangeNoState()
    {
        var network = new BatchNormMlp();
        network.TrainBatch(TestData.Uniform(4 * BatchNormMlp.InputSize, 8), [.. Enumerable.Repeat(TestData.OneHot(3, 0), 4).SelectMany(t => t)], 4, new Sgd(0.1f));
        float[] buffers = network.Buffers.ToArray();
        long[] counters = network.Counters.ToArray();
        var output = new float[BatchNormMlp.OutputSize];
        network.Forward(TestData.Uniform(BatchNormMlp.InputSize, 9), output);
        network.Backward(TestData.OneHot(3, 2));
        network.Forward(TestData.Uniform(3 * BatchNormMlp.InputSize, 10), new float[3 * BatchNormMlp.OutputSize], 3);
        Assert.Equal(TestData.Bits(buffers), TestData.Bits(network.Buffers));
        Assert.Equal(counters, network.Counters.ToArray());
    }
}
