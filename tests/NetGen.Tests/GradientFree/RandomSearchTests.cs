using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>Random weight guessing: the draws, stopping at the first solution, the budget and determinism.</summary>
public sealed class RandomSearchTests
{
    [Fact]
    public void EveryTrialDrawsEveryParameterInRange()
    {
        float largest = 0;
        var options = new RandomSearchOptions { Range = 0.25f, MaxEvaluations = 200, MaxDegreeOfParallelism = 1 };
        new RandomSearch(options).Run(new XorSigmoidNet(), network =>
        {
            foreach (float p in network.Parameters) largest = Math.Max(largest, Math.Abs(p));
            return 1f;
        });
        Assert.InRange(largest, 0.24f, 0.25f); // within the range and reaching near its ends over 1,800 draws
    }

    [Fact]
    public void StopsAtTheFirstTrialThatSolves()
    {
        // Solved when the first parameter exceeds 0.9 · Range, about 1 trial in 20: the expected trial is found by
        // replaying the public Draw, which the search is documented to use.
        var options = new RandomSearchOptions { Range = 2f, Seed = 5, Solved = (network, _) => network.Parameters[0] > 1.8f, MaxDegreeOfParallelism = 2 };
        var parameters = new float[XorSigmoidNet.ParameterCount];
        int expected = 0;
        for (; ; expected++)
        {
            RandomSearch.Draw(parameters, options, expected);
            if (parameters[0] > 1.8f) break;
        }

        var network = new XorSigmoidNet();
        RandomSearchResult result = new RandomSearch(options).Run(network, XorTask.Loss);
        Assert.True(result.Solved);
        Assert.Equal(expected, result.Trial);
        Assert.Equal(expected + 1, result.Evaluations);
        Assert.Equal(TestData.Bits(parameters), TestData.Bits(network.Parameters));
        Assert.Equal(TestData.Bits(parameters), TestData.Bits(result.Parameters));
        Assert.Equal(XorTask.Loss(network), result.Loss);
    }

    [Fact]
    public void SpendsTheWholeBudgetAndReturnsTheBestTrialWhenNothingSolves()
    {
        // 100 trials: a block of 64 and a partial block of 36.
        var options = new RandomSearchOptions { MaxEvaluations = 100, Range = 1f, Seed = 2, MaxDegreeOfParallelism = 2 };
        var network = new FourParameterNet();
        RandomSearchResult result = new RandomSearch(options).Run(network, GeneticAlgorithmTests.Sphere);

        var parameters = new float[FourParameterNet.ParameterCount];
        var probe = new FourParameterNet();
        float[] losses = Enumerable.Range(0, 100).Select(t =>
        {
            RandomSearch.Draw(parameters, options, t);
            parameters.CopyTo(probe.Parameters);
            return GeneticAlgorithmTests.Sphere(probe);
        }).ToArray();
        Assert.False(result.Solved);
        Assert.Equal(100, result.Evaluations);
        Assert.Equal(Array.IndexOf(losses, losses.Min()), result.Trial);
        Assert.Equal(losses.Min(), result.Loss);

        // Improvements: every new minimum in trial order, counted from 1.
        float best = float.PositiveInfinity;
        var expected = new System.Collections.Generic.List<Improvement>();
        for (int t = 0; t < 100; t++)
            if (losses[t] < best) expected.Add(new Improvement(t + 1, best = losses[t]));
        Assert.Equal(expected, result.Improvements);
    }

    [Fact]
    public void SameSeedGivesTheSameResultOnOneThreadAndOnSeveral()
    {
        RandomSearchResult Run(int threads) => new RandomSearch(new RandomSearchOptions
        {
            Seed = 11, MaxEvaluations = 5_000, Solved = XorTask.Solved, MaxDegreeOfParallelism = threads,
        }).Run(new XorSigmoidNet(), XorTask.Loss);
        RandomSearchResult one = Run(1), four = Run(4);
        Assert.True(one.Solved);
        Assert.Equal((one.Trial, one.Evaluations, one.Loss), (four.Trial, four.Evaluations, four.Loss));
        Assert.Equal(one.Improvements, four.Improvements);
        Assert.NotEqual(one.Trial, Run4WithSeed(12).Trial);

        static RandomSearchResult Run4WithSeed(int seed) => new RandomSearch(new RandomSearchOptions
        {
            Seed = seed, MaxEvaluations = 5_000, Solved = XorTask.Solved, MaxDegreeOfParallelism = 4,
        }).Run(new XorSigmoidNet(), XorTask.Loss);
    }

    [Fact]
    public void GuessesXorWithinSeconds()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var network = new XorSigmoidNet();
        RandomSearchResult result = new RandomSearch(new RandomSearchOptions { Solved = XorTask.Solved, MaxEvaluations = 100_000 }).Run(network, XorTask.Loss);
        Assert.True(result.Solved, $"not solved in {result.Evaluations} trials");
        Assert.True(XorTask.Solved(network, result.Loss));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void DrawRejectsANegativeTrial()
        => Assert.Equal("trial", Assert.Throws<ArgumentOutOfRangeException>(() => RandomSearch.Draw(new float[3], new RandomSearchOptions(), -1)).ParamName);
}
