using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Learning-rate schedules in Trainer: each rate against PyTorch's recursive (chainable) form for 20 epochs,
/// reduce-on-plateau against a transcription of ReduceLROnPlateau.step, resumption, and bad arguments.
/// </summary>
public sealed class LearningRateScheduleTests : IDisposable
{
    private const int Epochs = 20;
    private const double BaseRate = 0.1;
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-schedule-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // y = 2x − 1 on 16 points.
    private static Dataset LineData()
    {
        float[] inputs = TestData.Uniform(16, 7);
        return new Dataset(inputs, 1, inputs.Select(x => 2 * x - 1).ToArray(), 1);
    }

    private static float[] TrainedRates(LearningRateSchedule schedule, int epochs = Epochs)
    {
        var sgd = new Sgd((float)BaseRate);
        TrainingResult result = new Trainer(new LineNet(), sgd) { Epochs = epochs, BatchSize = 4, LearningRateSchedule = schedule }.Train(LineData(), LineData());
        Assert.Equal((float)BaseRate, sgd.LearningRate); // the base rate is put back
        return result.History.Select(r => r.LearningRate).ToArray();
    }

    private static void AssertRates(IReadOnlyList<double> expected, float[] actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * expected[i] + 1e-12, $"epoch {i + 1}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    // PyTorch's get_lr(): each epoch's rate from the last one (last_epoch t counts from 0).
    private static double[] Recursive(Func<int, double, double> next)
    {
        var rates = new double[Epochs];
        rates[0] = next(0, BaseRate);
        for (int t = 1; t < Epochs; t++) rates[t] = next(t, rates[t - 1]);
        return rates;
    }

    [Fact]
    public void StepDecayMatchesStepLR() =>
        AssertRates(Recursive((t, lr) => t == 0 || t % 3 != 0 ? lr : lr * 0.5), TrainedRates(new StepDecay(3, 0.5)));

    [Fact]
    public void ExponentialDecayMatchesExponentialLR() =>
        AssertRates(Recursive((t, lr) => t == 0 ? lr : lr * 0.8), TrainedRates(new ExponentialDecay(0.8)));

    // CosineAnnealingLR.get_lr, T_max 8, eta_min 0.01: past T_max the rate climbs again.
    private static double CosineStep(int t, double lr, int tMax, double etaMin, double baseRate = BaseRate)
    {
        if (t == 0) return baseRate;
        if ((t - 1 - tMax) % (2 * tMax) == 0) return lr + (baseRate - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
        return (1 + Math.Cos(Math.PI * t / tMax)) / (1 + Math.Cos(Math.PI * (t - 1) / tMax)) * (lr - etaMin) + etaMin;
    }

    [Fact]
    public void CosineAnnealingMatchesCosineAnnealingLR() =>
        AssertRates(Recursive((t, lr) => CosineStep(t, lr, 8, 0.01)), TrainedRates(new CosineAnnealing(8, minRate: 0.01)));

    // LinearLR.get_lr (start s, end 1, total N): lr·(1 + (1 − s)/(N·s + (t − 1)(1 − s))) while t ≤ N.
    private static double WarmupStep(int t, double lr, int n, double s)
        => t == 0 ? BaseRate * s : t > n ? lr : lr * (1 + (1 - s) / (n * s + (t - 1) * (1 - s)));

    [Fact]
    public void LinearWarmupMatchesLinearLR() =>
        AssertRates(Recursive((t, lr) => WarmupStep(t, lr, 5, 0.25)), TrainedRates(new LinearWarmup(5, 0.25)));

    [Fact]
    public void WarmupThenCosineMatchesSequentialLR()
    {
        // SequentialLR([LinearLR(0.25, total_iters=4), CosineAnnealingLR(T_max=16)], milestones=[4]): the cosine counts from the milestone.
        var expected = new double[Epochs];
        double warm = 0;
        for (int t = 0; t < 4; t++) expected[t] = warm = WarmupStep(t, warm, 4, 0.25);
        double cosine = 0;
        for (int t = 4; t < Epochs; t++) expected[t] = cosine = CosineStep(t - 4, cosine, 16, 0);
        AssertRates(expected, TrainedRates(new LinearWarmup(4, 0.25, then: new CosineAnnealing(16))));
    }

    // ReduceLROnPlateau.step(metrics), mode min, threshold_mode rel, transcribed.
    private static double[] PlateauReference(double[] losses, double factor, int patience, double threshold, double minRate, int cooldown)
    {
        double lr = BaseRate, best = double.PositiveInfinity;
        int bad = 0, cooldownCounter = 0;
        var rates = new double[losses.Length];
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            rates[epoch] = lr;
            if (losses[epoch] < best * (1 - threshold)) { best = losses[epoch]; bad = 0; }
            else bad++;
            if (cooldownCounter > 0) { cooldownCounter--; bad = 0; }
            if (bad > patience)
            {
                double newLr = Math.Max(lr * factor, minRate);
                if (lr - newLr > 1e-8) lr = newLr;
                cooldownCounter = cooldown;
                bad = 0;
            }
        }
        return rates;
    }

    private static readonly double[] ScriptedLosses =
        [1.0, 0.9, 0.8, 0.79995, 0.81, 0.85, 0.7, 0.7, 0.7, 0.69, 0.7, 0.71, 0.72, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];

    [Fact]
    public void ReduceOnPlateauMatchesReduceLROnPlateau()
    {
        var plateau = new ReduceOnPlateau(factor: 0.5, patience: 1, threshold: 1e-4, minRate: 0.01, cooldown: 1);
        plateau.Start(BaseRate);
        var rates = new float[ScriptedLosses.Length];
        for (int epoch = 1; epoch <= rates.Length; epoch++)
        {
            rates[epoch - 1] = (float)plateau.Rate(epoch, BaseRate);
            plateau.EndEpoch(epoch, ScriptedLosses[epoch - 1]);
        }
        double[] expected = PlateauReference(ScriptedLosses, 0.5, 1, 1e-4, 0.01, 1);
        AssertRates(expected, rates);
        Assert.True(expected.Distinct().Count() >= 3, "the script must reduce the rate more than once"); // and reach the floor
        Assert.Equal(0.01, expected[^1], 12);
    }

    [Fact]
    public void TrainerReportsTheRateOfEachEpochWithoutASchedule()
    {
        var adam = new Adam(0.02f);
        TrainingResult result = new Trainer(new LineNet(), adam) { Epochs = 2 }.Train(LineData());
        Assert.All(result.History, r => Assert.Equal(0.02f, r.LearningRate));
        TrainingResult rprop = new Trainer(new LineNet(), new Rprop()) { Epochs = 1 }.Train(LineData());
        Assert.True(float.IsNaN(rprop.Last.LearningRate));
    }

    [Fact]
    public void AResumedRunGetsTheRatesAndParametersOfAnUninterruptedOne()
    {
        // A threshold of 0.9 makes most epochs bad, so the plateau reduces the rate again and again.
        static LearningRateSchedule Schedule() => new LinearWarmup(2, 0.5, then: new ReduceOnPlateau(factor: 0.5, patience: 0, threshold: 0.9, cooldown: 1));
        Dataset train = LineData(), validation = LineData();
        string path = Path.Combine(_directory, "run.ckpt");
        Trainer Create(LineNet net, Optimizer optimizer, int epochs, CheckpointInfo? resume = null) => new(net, optimizer)
        {
            Epochs = epochs, BatchSize = 4, Seed = 2, LearningRateSchedule = Schedule(), CheckpointPath = path, ResumeFrom = resume,
        };

        var whole = new LineNet();
        TrainingResult uninterrupted = Create(whole, new AdamW(0.05f), 14).Train(train, validation);

        Create(new LineNet(), new AdamW(0.05f), 6).Train(train, validation);
        var net = new LineNet();
        var adamW = new AdamW(0.05f);
        CheckpointInfo saved = Checkpoint.Load(net, adamW, path);
        TrainingResult resumed = Create(net, adamW, 14, saved).Train(train, validation);

        float[] expected = uninterrupted.History.Select(r => r.LearningRate).ToArray();
        Assert.True(expected.Distinct().Count() >= 5, "the run must reduce the rate more than once");
        Assert.Equal(expected[6..], resumed.History.Select(r => r.LearningRate));
        Assert.Equal(TestData.Bits(whole.Parameters.ToArray()), TestData.Bits(net.Parameters.ToArray()));
    }

    [Fact]
    public void AResumedPlateauWithoutItsStateThrows()
    {
        var trainer = new Trainer(new LineNet(), new Sgd(0.1f)) { Epochs = 4, InitialEpoch = 2, LearningRateSchedule = new ReduceOnPlateau() };
        Assert.Contains("ResumeFrom", Assert.Throws<InvalidOperationException>(() => trainer.Train(LineData(), LineData())).Message);
        var withoutState = new CheckpointInfo(2, 8, new Dictionary<string, string>());
        var fromPlainCheckpoint = new Trainer(new LineNet(), new Sgd(0.1f)) { Epochs = 4, ResumeFrom = withoutState, LearningRateSchedule = new ReduceOnPlateau() };
        Assert.Throws<InvalidOperationException>(() => fromPlainCheckpoint.Train(LineData(), LineData()));
        var mismatch = new Trainer(new LineNet(), new Sgd(0.1f)) { Epochs = 4, ResumeFrom = withoutState, InitialEpoch = 1 };
        Assert.Throws<InvalidOperationException>(() => mismatch.Train(LineData()));
    }

    [Fact]
    public void BadSchedulesThrow()
    {
        Assert.Throws<ArgumentException>(() => new Trainer(new LineNet(), new Rprop()) { LearningRateSchedule = new ExponentialDecay(0.9) });
        Assert.Throws<ArgumentException>(() => new Trainer(new LineNet(), new Sgd(0.1f)) { LearningRateSchedule = new ReduceOnPlateau() }.Train(LineData()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmup(3, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(factor: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(patience: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(threshold: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(minRate: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau(cooldown: -1));
    }
}
