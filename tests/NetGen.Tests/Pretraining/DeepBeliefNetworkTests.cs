using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

public class DeepBeliefNetworkTests
{
    private static DeepBeliefNetwork TrainedStack()
    {
        Dataset data = PretrainingData.Repeated(100);
        var bottom = new Rbm(6, 5, seed: 1);
        bottom.Train(data, new RbmTrainingOptions { Epochs = 30, Momentum = 0.5f, Seed = 1 });
        var codes = new float[data.Count * 5];
        bottom.HiddenProbabilities(data.Inputs, codes, data.Count);
        var top = new Rbm(5, 4, seed: 2);
        // PCD for the top RBM: its chains are what sampling runs, and PCD fits the model's own chains.
        top.Train(codes, new RbmTrainingOptions { Epochs = 30, Momentum = 0.5f, Persistent = true, LearningRate = 0.05f, Seed = 2 });
        return new DeepBeliefNetwork([bottom, top]);
    }

    [Fact]
    public void SamplesHaveTheVisibleShapeAndAreAPureFunctionOfTheSeed()
    {
        DeepBeliefNetwork dbn = TrainedStack();
        float[] a = dbn.Sample(count: 7, gibbsSteps: 50, seed: 3);
        float[] b = dbn.Sample(count: 7, gibbsSteps: 50, seed: 3);
        float[] c = dbn.Sample(count: 7, gibbsSteps: 50, seed: 4);
        Assert.Equal(7 * 6, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        foreach (float p in a) Assert.InRange(p, 0f, 1f); // bottom means of binary units are probabilities
    }

    [Fact]
    public void SamplesResembleTheTrainingPatterns()
    {
        // The model was fitted to four patterns: a sample's nearest pattern should be close (mean |Δ| per pixel small).
        DeepBeliefNetwork dbn = TrainedStack();
        const int count = 200;
        float[] samples = dbn.Sample(count, gibbsSteps: 100, seed: 5);
        double total = 0;
        for (int s = 0; s < count; s++)
        {
            double best = double.MaxValue;
            foreach (float[] pattern in PretrainingData.Patterns)
            {
                double distance = 0;
                for (int i = 0; i < 6; i++) distance += Math.Abs(samples[s * 6 + i] - pattern[i]);
                best = Math.Min(best, distance / 6);
            }
            total += best;
        }
        // Uniform random pixels would sit about 0.25 per pixel from the nearest pattern.
        Assert.True(total / count < 0.15, $"mean distance to the nearest pattern {total / count:F3}");
    }

    [Fact]
    public void StartingFromDataGivesOneSamplePerRow()
    {
        DeepBeliefNetwork dbn = TrainedStack();
        float[] samples = dbn.Sample(PretrainingData.Repeated(1).Inputs, gibbsSteps: 1, seed: 1);
        Assert.Equal(4 * 6, samples.Length);
        var e = Assert.Throws<ArgumentException>("start", () => dbn.Sample(new float[5], 1, 1));
        Assert.Contains("multiple of 6", e.Message);
    }

    [Fact]
    public void UpIsTheMeanFieldPassThroughEveryLayer()
    {
        DeepBeliefNetwork dbn = TrainedStack();
        float[] v = PretrainingData.Patterns[2];
        var middle = new float[5];
        var expected = new float[4];
        dbn.Layers[0].HiddenProbabilities(v, middle, 1);
        dbn.Layers[1].HiddenProbabilities(middle, expected, 1);
        var top = new float[4];
        dbn.Up(v, top, 1);
        Assert.Equal(expected, top);
    }

    [Fact]
    public void TheStackMustFitTogether()
    {
        var e = Assert.Throws<ArgumentException>("layers", () => new DeepBeliefNetwork([new Rbm(6, 5), new Rbm(4, 3)]));
        Assert.Contains("RBM 1 has 4 visible units, but RBM 0 below it has 5 hidden units", e.Message);
        e = Assert.Throws<ArgumentException>("layers", () => new DeepBeliefNetwork([new Rbm(6, 5), new Rbm(5, 3, RbmVisibleUnits.Gaussian)]));
        Assert.Contains("Gaussian", e.Message);
        Assert.Throws<ArgumentException>("layers", () => new DeepBeliefNetwork([]));
        var dbn = new DeepBeliefNetwork([new Rbm(6, 5, RbmVisibleUnits.Gaussian)]);
        Assert.Throws<ArgumentOutOfRangeException>("gibbsSteps", () => dbn.Sample(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => dbn.Sample(0, 1, 1));
        Assert.Equal(2 * 6, dbn.Sample(2, 1, 1).Length);
    }
}
