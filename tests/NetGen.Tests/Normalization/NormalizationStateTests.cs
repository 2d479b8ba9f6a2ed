using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The state outside the parameters: <see cref="INetwork.Buffers"/> holds each batch normalisation's running_mean then
/// running_var at its <see cref="LayerInfo.BufferOffset"/>, <see cref="INetwork.Counters"/> each one's num_batches_tracked
/// and each dropout's draws at its <see cref="LayerInfo.CounterOffset"/>, in layer order with no gap; the views read those
/// slices; a clone copies them.
/// </summary>
public sealed class NormalizationStateTests
{
    [Fact]
    public void BuffersAndCountersAreLaidOutAtTheLayersOffsets()
    {
        var network = new BatchNormMlp();
        int buffer = 0, counter = 0;
        foreach (LayerInfo layer in network.Layers)
        {
            if (layer.Kind == LayerKind.BatchNorm)
            {
                Assert.Equal((buffer, counter), (layer.BufferOffset, layer.CounterOffset));
                buffer += 2 * layer.OutputSize;
                counter++;
            }
            if (layer.Kind == LayerKind.Dropout)
            {
                Assert.Equal(counter, layer.CounterOffset);
                counter++;
            }
        }
        Assert.Equal((buffer, counter), (network.Buffers.Length, network.Counters.Length)); // 2·8 + 2·5 values; 2 BN + 1 dropout counters
        Assert.Equal((26, 3), (buffer, counter));
    }

    [Fact]
    public void RunningStatisticsStartAsPyTorchsAndTheCountersAtZero()
    {
        var network = new BatchNormConvNet();
        Assert.Equal(new float[3], network.Norm.RunningMean.ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 3), network.Norm.RunningVariance.ToArray());
        Assert.Equal(Enumerable.Repeat(1f, 3), network.Norm.Weight.ToArray());
        Assert.Equal(new float[3], network.Norm.Bias.ToArray());
        Assert.All(network.Counters.ToArray(), value => Assert.Equal(0, value));
        Assert.Equal(Enumerable.Repeat(1f, network.Layer.Info.OutputSize), network.Layer.Weight.ToArray());
    }

    [Fact]
    public void TheViewsReadTheirLayersSlices()
    {
        var network = new BatchNormMlp();
        for (int i = 0; i < network.Buffers.Length; i++) network.Buffers[i] = i;
        for (int i = 0; i < network.Counters.Length; i++) network.Counters[i] = 100 + i;
        for (int i = 0; i < network.Parameters.Length; i++) network.Parameters[i] = i;
        foreach ((BatchNormLayer view, int channels) in new[] { (network.Norm, 8), (network.Norm2, 5) })
        {
            LayerInfo info = view.Info;
            Assert.Equal(channels, view.Channels);
            Assert.Equal(Enumerable.Range(info.BufferOffset, channels).Select(v => (float)v), view.RunningMean.ToArray());
            Assert.Equal(Enumerable.Range(info.BufferOffset + channels, channels).Select(v => (float)v), view.RunningVariance.ToArray());
            Assert.Equal(Enumerable.Range(info.ParameterOffset, channels).Select(v => (float)v), view.Weight.ToArray());
            Assert.Equal(Enumerable.Range(info.ParameterOffset + channels, channels).Select(v => (float)v), view.Bias.ToArray());
            Assert.Equal(100 + info.CounterOffset, view.BatchesTracked);
            view.BatchesTracked = 7; // a ref into Counters
            Assert.Equal(7, network.Counters[info.CounterOffset]);
        }
        Assert.Equal(0.25, network.Drop.Probability);
        Assert.Equal(0.25, network.Drop.Info.DropoutProbability);
    }

    [Fact]
    public void ACloneCopiesTheStateAndOwnsIt()
    {
        var network = new BatchNormMlp();
        network.TrainBatch(TestData.Uniform(4 * BatchNormMlp.InputSize, 1), [.. Enumerable.Repeat(TestData.OneHot(3, 1), 4).SelectMany(t => t)], 4, new Sgd(0.1f));
        INetwork clone = ((INetwork)network).Clone();
        Assert.Equal(TestData.Bits(network.Buffers), TestData.Bits(clone.Buffers));
        Assert.Equal(network.Counters.ToArray(), clone.Counters.ToArray());
        clone.Buffers[0] += 1;
        clone.Counters[0]++;
        Assert.NotEqual(network.Buffers[0], clone.Buffers[0]);
        Assert.NotEqual(network.Counters[0], clone.Counters[0]);
    }

    [Fact]
    public void ANetworkWithoutStateHasEmptyBuffersAndCounters()
    {
        INetwork network = new LayerNormMlp();
        Assert.True(network.Buffers.IsEmpty);
        Assert.True(network.Counters.IsEmpty);
    }
}
