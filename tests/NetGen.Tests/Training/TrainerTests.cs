using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Trainer: seeded shuffling, validation figures, early stopping, progress, Rprop's full batch.</summary>
public sealed class TrainerTests
{
    /// <summary>x = 1 for every sample, target i + 1 for sample i: at w = b = 0 the bias gradient of sample i is −2(i + 1).</summary>
    private static Dataset Numbered(int count) => new(Enumerable.Repeat(1f, count).ToArray(), 1,
        Enumerable.Range(1, count).Select(i => (float)i).ToArray(), 1);

    private static LineNet Line(float weight, float bias)
    {
        var net = new LineNet();
        net.Out.Weights[0] = weight;
        net.Out.Bias[0] = bias;
        return net;
    }

    /// <summary>The samples each step saw, read back from the bias gradients (the recorder leaves the parameters at 0).</summary>
    private static List<int[]> SampleOrderPerEpoch(int seed, int count, int epochs)
    {
        var recorder = new RecordingOptimizer();
        new Trainer(Line(0f, 0f), recorder) { Epochs = epochs, BatchSize = 1, Seed = seed }.Train(Numbered(count));
        int[] samples = recorder.Gradients.Select(g => (int)Math.Round(-g[1] / 2) - 1).ToArray();
        return samples.Chunk(count).ToList();
    }

    [Fact]
    public void EachEpochVisitsEverySampleInASeededOrder()
    {
        List<int[]> orders = SampleOrderPerEpoch(seed: 5, count: 12, epochs: 3);
        Assert.Equal(3, orders.Count);
        foreach (int[] order in orders) Assert.Equal(Enumerable.Range(0, 12), order.OrderBy(i => i));
        Assert.NotEqual(orders[0], orders[1]); // reshuffled each epoch
        Assert.NotEqual(Enumerable.Range(0, 12), orders[0]);
        Assert.Equal(orders, SampleOrderPerEpoch(seed: 5, count: 12, epochs: 3));
        Assert.NotEqual(orders[0], SampleOrderPerEpoch(seed: 6, count: 12, epochs: 1)[0]);
    }

    [Fact]
    public void TheSameSeedTrainsToTheSameBits()
    {
        var data = new Dataset(TestData.Uniform(40 * 2, 1), 2, TestData.Uniform(40, 2), 1);
        float[] Run(int seed)
        {
            var net = new XorTrainingNet();
            new Trainer(net, new Adam(0.01f)) { Epochs = 3, BatchSize = 8, Seed = seed }.Train(data);
            return net.Parameters.ToArray();
        }
        Assert.Equal(TestData.Bits(Run(1)), TestData.Bits(Run(1)));
        Assert.NotEqual(TestData.Bits(Run(1)), TestData.Bits(Run(2)));
    }

    [Fact]
    public void TheLastBatchOfAnEpochIsShort()
    {
        var recorder = new RecordingOptimizer();
        TrainingResult result = new Trainer(Line(0f, 0f), recorder) { Epochs = 2, BatchSize = 4 }.Train(Numbered(10));
        Assert.Equal(6, recorder.Gradients.Count); // 4 + 4 + 2 per epoch
        Assert.Equal(6, result.Last.Steps);
        // The mean bias gradient of all three batches, weighted by their sizes, is that of the whole set: −2·mean(t) = −11.
        double weighted = (recorder.Gradients[0][1] * 4 + recorder.Gradients[1][1] * 4 + recorder.Gradients[2][1] * 2) / 10.0;
        Assert.Equal(-11.0, weighted, 1e-5);
    }

    [Fact]
    public void EvaluationMeasuresLossAndThresholdAccuracyForOneOutput()
    {
        // y = 2x + 0.5 on x = 0, 1, −1 gives 0.5, 2.5, −1.5; targets 0.4, 2.5, 0: squared errors 0.01, 0, 2.25.
        // At the 0.5 threshold: 0.5 is on the 1 side and 0.4 on the 0 side (wrong); the others agree.
        var data = new Dataset([0f, 1f, -1f], 1, [0.4f, 2.5f, 0f], 1);
        Evaluation result = Trainer.Evaluate(Line(2f, 0.5f), data);
        Assert.Equal(2.26 / 3, result.Loss, 1e-6);
        Assert.Equal(2.0 / 3, result.Accuracy, 1e-12);
    }

    [Fact]
    public void EvaluationUsesArgmaxForSeveralOutputsAndLeavesGradientsZero()
    {
        // Identity weights: the output is the input. Argmax 0 vs target 0 (right), 1 vs 0 (wrong), 1 vs 1 (right), 0 vs 1 (wrong).
        var net = new PairNet();
        net.Parameters.Clear();
        net.Out.Weights[0] = net.Out.Weights[3] = 1f;
        var data = new Dataset([2f, 1f, 0f, 3f, -1f, 0f, 5f, 4f], 2, [1f, 0f, 1f, 0f, 0f, 1f, 0f, 1f], 2);
        Evaluation result = Trainer.Evaluate(net, data);
        Assert.Equal(0.5, result.Accuracy, 1e-12);
        // MSE is the mean over the two outputs: (1 + 1)/2, (1 + 9)/2, (1 + 1)/2, (25 + 9)/2 = 1, 5, 1, 17 → mean 6.
        Assert.Equal(6.0, result.Loss, 1e-6);
        Assert.All(net.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void ReportsCarryTheTrainingAndValidationFigures()
    {
        // Full batch (batch ≥ count) and SGD: the first epoch's training loss is taken at w = b = 0, mean t² = (1 + 4 + 9)/3.
        var net = Line(0f, 0f);
        var train = new Dataset([1f, 1f, 1f], 1, [1f, 2f, 3f], 1);
        var validation = new Dataset([2f, -1f], 1, [1f, 0f], 1);
        var reports = new List<EpochReport>();
        TrainingResult result = new Trainer(net, new Sgd(0.05f)) { Epochs = 4, Progress = new SynchronousProgress(reports) }.Train(train, validation);
        Assert.Equal(4, reports.Count);
        Assert.Equal(result.History, reports);
        Assert.Equal(Enumerable.Range(1, 4), reports.Select(r => r.Epoch));
        Assert.Equal(14.0 / 3, reports[0].TrainLoss, 1e-6);
        Assert.True(reports[3].TrainLoss < reports[0].TrainLoss);
        Evaluation final = Trainer.Evaluate(net, validation);
        Assert.Equal(final.Loss, reports[3].ValidationLoss);
        Assert.Equal(final.Accuracy, reports[3].ValidationAccuracy);
        Assert.True(float.IsNaN(reports[0].GradientNorm)); // clipping is off: the norm is not measured
        Assert.True(reports.Zip(reports.Skip(1)).All(pair => pair.First.Elapsed <= pair.Second.Elapsed));
        Assert.Equal(StopReason.EpochLimit, result.StopReason);
    }

    [Fact]
    public void WithoutAValidationSetTheValidationFiguresAreNaN()
    {
        TrainingResult result = new Trainer(Line(0f, 0f), new Sgd(0.1f)) { Epochs = 1 }.Train(Numbered(3));
        Assert.True(double.IsNaN(result.Last.ValidationLoss));
        Assert.True(double.IsNaN(result.Last.ValidationAccuracy));
        Assert.Equal(0, result.BestEpoch);
    }

    [Fact]
    public void EarlyStoppingStopsAfterThePatienceAndRestoresTheBestEpoch()
    {
        // Training pulls w from 0 towards 1 (targets y = x); the validation targets are y = 0.5x, so the validation
        // loss falls until w passes 0.5 and then rises.
        var net = Line(0f, 0f);
        var train = new Dataset([1f, -1f, 0.5f, -0.5f], 1, [1f, -1f, 0.5f, -0.5f], 1);
        var validation = new Dataset([1f, -1f], 1, [0.5f, -0.5f], 1);
        var parametersAfter = new Dictionary<int, float[]>();
        var progress = new SynchronousProgress(report => parametersAfter[report.Epoch] = net.Parameters.ToArray());
        TrainingResult result = new Trainer(net, new Sgd(0.05f)) { Epochs = 200, Patience = 3, Progress = progress }.Train(train, validation);

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        double[] losses = result.History.Select(r => r.ValidationLoss).ToArray();
        int best = Array.IndexOf(losses, losses.Min()) + 1;
        Assert.Equal(best, result.BestEpoch);
        Assert.InRange(best, 2, 199);                          // neither the first epoch nor the limit
        Assert.Equal(best + 3, result.Epochs);                 // three epochs without improvement, then stop
        Assert.Equal(parametersAfter[best], net.Parameters.ToArray());
        Assert.NotEqual(parametersAfter[result.Epochs], net.Parameters.ToArray());
        Assert.InRange(net.Out.Weights[0], 0.4f, 0.6f);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpochsRunningStatistics()
    {
        var net = new NetGen.Tests.Networks.BatchNormMlp();
        var random = new NetGen.Numerics.SeededRandom(4);
        float[] inputs = new float[40 * 6], targets = new float[40 * 3];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int r = 0; r < 40; r++) targets[r * 3 + random.NextInt(3)] = 1f;
        var train = new Dataset(inputs.AsSpan(0, 32 * 6).ToArray(), 6, targets.AsSpan(0, 32 * 3).ToArray(), 3);
        var validation = new Dataset(inputs.AsSpan(32 * 6).ToArray(), 6, targets.AsSpan(32 * 3).ToArray(), 3);
        var stateAfter = new Dictionary<int, (float[] Buffers, long[] Counters)>();
        var progress = new SynchronousProgress(report => stateAfter[report.Epoch] = (net.Buffers.ToArray(), net.Counters.ToArray()));
        // A large rate on random labels overfits quickly, so the validation loss turns up and training stops early.
        TrainingResult result = new Trainer(net, new Adam(0.05f)) { Epochs = 100, BatchSize = 8, Patience = 2, Progress = progress }.Train(train, validation);

        Assert.Equal(StopReason.EarlyStopping, result.StopReason);
        Assert.Equal(stateAfter[result.BestEpoch].Buffers, net.Buffers.ToArray());
        Assert.Equal(stateAfter[result.BestEpoch].Counters, net.Counters.ToArray());
        Assert.NotEqual(stateAfter[result.Epochs].Buffers, net.Buffers.ToArray());
    }

    [Fact]
    public void ALastBatchOfOneJoinsTheBatchBeforeItWhenBatchNormalisationNeedsTwo()
    {
        var random = new NetGen.Numerics.SeededRandom(8);
        float[] inputs = new float[65 * 6], targets = new float[65 * 3];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int r = 0; r < 65; r++) targets[r * 3 + random.NextInt(3)] = 1f;
        var data = new Dataset(inputs, 6, targets, 3);

        var normalised = new NetGen.Tests.Networks.BatchNormMlp();
        TrainingResult result = new Trainer(normalised, new Sgd(0.01f)) { Epochs = 2, BatchSize = 32 }.Train(data);
        Assert.Equal(4, result.Last.Steps);                          // 32 + 33 each epoch, no batch of one
        Assert.Equal(4, normalised.Norm.BatchesTracked);
        TrainingResult plain = new Trainer(new XorTrainingNet(), new Sgd(0.01f)) { Epochs = 2, BatchSize = 2 }.Train(new Dataset([0f, 0f, 0f, 1f, 1f, 0f], 2, [0f, 1f, 1f], 1));
        Assert.Equal(4, plain.Last.Steps);                           // 2 + 1: other networks keep their last batch
    }

    [Fact]
    public void StopWhenEndsTrainingAtTheFirstEpochItAccepts()
    {
        TrainingResult result = new Trainer(Line(0f, 0f), new Sgd(0.1f)) { Epochs = 50, StopWhen = r => r.Epoch == 7 }.Train(Numbered(4));
        Assert.Equal(StopReason.StopCondition, result.StopReason);
        Assert.Equal(7, result.Epochs);
    }

    [Fact]
    public void RpropStepsOnceAnEpochOnTheWholeSet()
    {
        var reports = new List<EpochReport>();
        var data = new Dataset(TestData.Uniform(50 * 2, 3), 2, Enumerable.Range(0, 50).Select(i => (float)(i % 2)).ToArray(), 1);
        new Trainer(new XorTrainingNet(), new Rprop()) { Epochs = 5, Progress = new SynchronousProgress(reports) }.Train(data);
        Assert.Equal([1L, 2, 3, 4, 5], reports.Select(r => r.Steps));
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new XorTrainingNet(), new Rprop()) { BatchSize = 16 });
        Assert.Contains("full-batch", error.Message);
    }

    [Fact]
    public void ClippingFiguresReachTheReport()
    {
        // One sample, x = 1, t = 3, at w = b = 0: the gradient is (−6, −6), norm 6√2, above the maximum of 1.
        var sgd = new Sgd(1e-3f) { MaxGradientNorm = 1f };
        TrainingResult result = new Trainer(Line(0f, 0f), sgd) { Epochs = 1 }.Train(new Dataset([1f], 1, [3f], 1));
        Assert.Equal(6 * MathF.Sqrt(2), result.Last.GradientNorm, 1e-5f);
        Assert.Equal(1, result.Last.ClippedSteps);
    }

    [Fact]
    public void CancellationStopsBetweenSteps()
    {
        using var source = new CancellationTokenSource();
        var progress = new SynchronousProgress(report => source.Cancel());
        var trainer = new Trainer(Line(0f, 0f), new Sgd(0.1f)) { Epochs = 10, Progress = progress };
        Assert.Throws<OperationCanceledException>(() => trainer.Train(Numbered(4), cancellationToken: source.Token));
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        // Allocation grows with epochs (a report each), not with steps: 1,000 steps an epoch would show 24 kB or
        // more per epoch for one small allocation a step.
        var data = new Dataset(TestData.Uniform(1000 * 2, 4), 2, TestData.Uniform(1000, 5), 1);
        var validation = new Dataset(TestData.Uniform(100 * 2, 6), 2, TestData.Uniform(100, 7), 1);
        long Allocated(int epochs)
        {
            var trainer = new Trainer(new XorTrainingNet(), new Adam { MaxGradientNorm = 1f }) { Epochs = epochs, BatchSize = 1, Patience = 100 };
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Train(data, validation);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(2); // JIT warm-up
        long perEpoch = (Allocated(6) - Allocated(2)) / 4;
        Assert.True(perEpoch < 8_000, $"{perEpoch} bytes per epoch of 1,000 steps");
    }

    [Fact]
    public void BadDataIsRejectedWithTheReason()
    {
        var trainer = new Trainer(new PairNet(), new Sgd(0.1f));
        var good = new Dataset(new float[4], 2, new float[4], 2);
        Assert.Contains("multiple of 2", Assert.Throws<ArgumentException>(() => trainer.Train(new Dataset(new float[3], 3, new float[2], 2))).Message);
        Assert.Contains("multiple of 2", Assert.Throws<ArgumentException>(() => trainer.Train(new Dataset(new float[2], 2, new float[3], 3))).Message);
        var error = Assert.Throws<ArgumentException>(() => trainer.Train(new Dataset([0f, 0f, 1f, float.NaN], 2, new float[4], 2)));
        Assert.Contains("input row 1, column 1 is NaN", error.Message);
        Assert.Equal("train", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => trainer.Train(good, new Dataset(new float[4], 4, new float[2], 2)));
        Assert.Equal("validation", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => new Trainer(new PairNet(), new Sgd(0.1f)) { Patience = 2 }.Train(good));
        Assert.Contains("validation set", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new PairNet(), new Sgd(0.1f)) { Epochs = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new PairNet(), new Sgd(0.1f)) { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new PairNet(), new Sgd(0.1f)) { Patience = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new PairNet(), new Sgd(0.1f)) { MinImprovement = double.NaN });
        Assert.Throws<ArgumentNullException>(() => new Trainer(null!, new Sgd(0.1f)));
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public SynchronousProgress(List<EpochReport> sink) : this(sink.Add) { }
        public void Report(EpochReport value) => onReport(value);
    }
}
