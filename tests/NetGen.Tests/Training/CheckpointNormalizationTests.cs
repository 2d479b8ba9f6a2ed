using System;
using System.IO;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Checkpoints of a network with batch normalisation and dropout: training resumed from one continues bit for bit,
/// because the running statistics, <c>num_batches_tracked</c> and dropout's count of draws are restored with the parameters.
/// </summary>
public sealed class CheckpointNormalizationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-checkpoint-norm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // 40 samples of 6 values, three classes one-hot: batches of 8 divide it, so no batch of one reaches the batch norms.
    private static Dataset Data()
    {
        float[] inputs = TestData.Uniform(240, 8);
        float[] targets = new float[120];
        for (int i = 0; i < 40; i++) targets[3 * i + (inputs[6 * i] + inputs[6 * i + 1] > 0 ? 0 : inputs[6 * i + 2] > 0 ? 1 : 2)] = 1f;
        return new Dataset(inputs, 6, targets, 3);
    }

    private sealed class Reports(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => onReport(value);
    }

    private static Trainer CreateTrainer(INetwork net, Optimizer optimizer, int initialEpoch, IProgress<EpochReport>? progress)
        => new(net, optimizer) { Epochs = 4, BatchSize = 8, Seed = 5, InitialEpoch = initialEpoch, Progress = progress };

    [Fact]
    public void TrainingResumedAfterTwoEpochsEndsWithIdenticalParametersBuffersAndCounters()
    {
        Dataset data = Data();
        string path = Path.Combine(_directory, "norm.ckpt");
        var net = new BatchNormMlp();
        var optimizer = new Adam(0.01f);
        CreateTrainer(net, optimizer, 0, new Reports(report => { if (report.Epoch == 2) Checkpoint.Save(net, optimizer, path, report.Epoch); })).Train(data);

        var resumed = new BatchNormMlp();
        var resumedOptimizer = new Adam(0.01f);
        Assert.Equal(2, Checkpoint.Load(resumed, resumedOptimizer, path).Epoch);
        Assert.Equal(10, resumed.Norm.BatchesTracked);
        Assert.NotEqual(0, resumed.Counters[resumed.Drop.Info.CounterOffset]);
        CreateTrainer(resumed, resumedOptimizer, 2, null).Train(data);

        Assert.Equal(20, net.Norm.BatchesTracked);
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(resumed.Parameters));
        Assert.Equal(TestData.Bits(net.Buffers), TestData.Bits(resumed.Buffers));
        Assert.Equal(net.Counters.ToArray(), resumed.Counters.ToArray());
        Assert.NotEqual(TestData.Bits(new BatchNormMlp().Buffers), TestData.Bits(net.Buffers)); // the running statistics moved
    }

    [Fact]
    public void DropoutsDrawsAreInTheCheckpointAsAnI64Scalar()
    {
        var net = new BatchNormMlp();
        net.Counters[net.Drop.Info.CounterOffset] = 4096;
        var checkpoint = new MemoryStream();
        Checkpoint.Save(net, new Sgd(0.1f), checkpoint);

        // Another network's state is overwritten with all of it, the draws included.
        var restored = new BatchNormMlp();
        restored.Norm2.RunningMean.Fill(5f);
        checkpoint.Position = 0;
        Checkpoint.Load(restored, new Sgd(0.1f), checkpoint);

        Assert.Equal(4096, restored.Counters[restored.Drop.Info.CounterOffset]);
        Assert.Equal(TestData.Bits(net.Buffers), TestData.Bits(restored.Buffers));
        Assert.Contains("\"Drop.draws\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[", System.Text.Encoding.UTF8.GetString(checkpoint.ToArray()));
    }
}
