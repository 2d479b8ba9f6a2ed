using System;
using System.Diagnostics;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>The genetic algorithm: determinism across thread counts, elitism, budget, stopping and XOR convergence.</summary>
public sealed class GeneticAlgorithmTests
{
    /// <summary>Σ (pᵢ − 0.3)² over the 4 parameters of <see cref="FourParameterNet"/>: minimum 0 at pᵢ = 0.3.</summary>
    internal static readonly NetworkLoss Sphere = network =>
    {
        float sum = 0;
        foreach (float p in network.Parameters) sum += (p - 0.3f) * (p - 0.3f);
        return sum;
    };

    private static GeneticAlgorithmOptions XorOptions(int seed, int threads) => new()
    {
        Seed = seed, PopulationSize = 50, MaxEvaluations = 20_000, InitialRange = 4f, MutationRate = 0.2f,
        MutationStandardDeviation = 1f, Solved = XorTask.Solved, MaxDegreeOfParallelism = threads,
    };

    [Theory]
    [InlineData(CrossoverKind.Uniform)]
    [InlineData(CrossoverKind.OnePoint)]
    public void SameSeedGivesTheSameResultOnOneThreadAndOnSeveral(CrossoverKind crossover)
    {
        GeneticAlgorithmResult Run(int threads) => new GeneticAlgorithm(new GeneticAlgorithmOptions
        {
            Seed = 17, PopulationSize = 20, MaxEvaluations = 1_000, Crossover = crossover, MaxDegreeOfParallelism = threads,
        }).Run(new XorSigmoidNet(), XorTask.Loss);

        GeneticAlgorithmResult one = Run(1), four = Run(4), again = Run(4);
        Assert.Equal(TestData.Bits(one.Parameters), TestData.Bits(four.Parameters));
        Assert.Equal(TestData.Bits(one.Parameters), TestData.Bits(again.Parameters));
        Assert.Equal(one.History, four.History); // every generation's best and mean loss, bitwise
        Assert.Equal((one.Loss, one.Evaluations, one.Generations), (four.Loss, four.Evaluations, four.Generations));
    }

    [Fact]
    public void SolvingRunIsTheSameOnOneThreadAndOnSeveral()
    {
        // Several children of the solving generation may solve at once in parallel: the first in birth order counts.
        GeneticAlgorithmResult one = new GeneticAlgorithm(XorOptions(3, 1)).Run(new XorSigmoidNet(), XorTask.Loss);
        GeneticAlgorithmResult two = new GeneticAlgorithm(XorOptions(3, 2)).Run(new XorSigmoidNet(), XorTask.Loss);
        Assert.True(one.Solved);
        Assert.Equal(TestData.Bits(one.Parameters), TestData.Bits(two.Parameters));
        Assert.Equal(one.Evaluations, two.Evaluations);
    }

    [Fact]
    public void DifferentSeedsSearchDifferently()
    {
        var options = new GeneticAlgorithmOptions { PopulationSize = 10, MaxEvaluations = 100, MaxDegreeOfParallelism = 1 };
        var a = new GeneticAlgorithm(options with { Seed = 1 }).Run(new XorSigmoidNet(), XorTask.Loss);
        var b = new GeneticAlgorithm(options with { Seed = 2 }).Run(new XorSigmoidNet(), XorTask.Loss);
        Assert.NotEqual(TestData.Bits(a.Parameters), TestData.Bits(b.Parameters));
    }

    [Fact]
    public void SolvesXorWithinSeconds()
    {
        var clock = Stopwatch.StartNew();
        var network = new XorSigmoidNet();
        GeneticAlgorithmResult result = new GeneticAlgorithm(XorOptions(1, -1)).Run(network, XorTask.Loss);
        Assert.True(result.Solved, $"not solved in {result.Evaluations} evaluations, best loss {result.Loss}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

        // The network holds the solution: check the four outputs directly.
        Assert.Equal(TestData.Bits(result.Parameters), TestData.Bits(network.Parameters));
        float[] output = new float[1];
        for (int sample = 0; sample < 4; sample++)
        {
            network.Forward(XorTask.Data.Input(sample), output);
            Assert.True(Math.Abs(output[0] - XorTask.Data.Target(sample)[0]) < 0.5f, $"sample {sample}: {output[0]}");
        }
        Assert.Equal(XorTask.Loss(network), result.Loss);
        Assert.Equal(result.Evaluations, result.History[^1].Evaluations);
    }

    [Fact]
    public void EliteKeepsTheBestLossFromGenerationToGeneration()
    {
        // Heavy mutation and no crossover: without an elite the best of a generation often gets worse.
        var options = new GeneticAlgorithmOptions
        {
            PopulationSize = 10, MaxEvaluations = 2_000, CrossoverRate = 0f, MutationRate = 1f,
            MutationStandardDeviation = 2f, EliteCount = 1, MaxDegreeOfParallelism = 1,
        };
        GeneticAlgorithmResult kept = new GeneticAlgorithm(options).Run(new FourParameterNet(), Sphere);
        GeneticAlgorithmResult lost = new GeneticAlgorithm(options with { EliteCount = 0 }).Run(new FourParameterNet(), Sphere);

        float[] keptBest = kept.History.Select(h => h.BestLoss).ToArray(), lostBest = lost.History.Select(h => h.BestLoss).ToArray();
        for (int g = 1; g < keptBest.Length; g++) Assert.True(keptBest[g] <= keptBest[g - 1], $"generation {g}: {keptBest[g]} after {keptBest[g - 1]}");
        Assert.Contains(lostBest.Skip(1).Zip(lostBest), pair => pair.First > pair.Second);
        Assert.Equal(keptBest[^1], kept.Loss); // with an elite the last generation holds the best ever
        Assert.True(lost.Loss <= lostBest.Min()); // without one the best ever is still returned
    }

    [Fact]
    public void BudgetIsSpentExactlyWhenNothingSolves()
    {
        // Population 10 with 2 elites: 10 evaluations, then 8 per generation: 10, 18, 26, 34, then 1 more for the budget of 35.
        var options = new GeneticAlgorithmOptions { PopulationSize = 10, EliteCount = 2, MaxEvaluations = 35, MaxDegreeOfParallelism = 2 };
        int calls = 0;
        GeneticAlgorithmResult result = new GeneticAlgorithm(options).Run(new FourParameterNet(), network =>
        {
            System.Threading.Interlocked.Increment(ref calls);
            return Sphere(network);
        });
        Assert.False(result.Solved);
        Assert.Equal(35, result.Evaluations);
        Assert.Equal(35, calls);
        Assert.Equal(5, result.Generations);
        Assert.Equal([10, 18, 26, 34, 35], result.History.Select(h => h.Evaluations));
        Assert.Equal(result.History.Min(h => h.BestLoss), result.Loss);
    }

    [Fact]
    public void TargetLossStopsTheSearchAtTheFirstIndividualBelowIt()
    {
        var options = new GeneticAlgorithmOptions { PopulationSize = 20, TargetLoss = 0.01f, MaxEvaluations = 50_000, MaxDegreeOfParallelism = 1 };
        var network = new FourParameterNet();
        GeneticAlgorithmResult result = new GeneticAlgorithm(options).Run(network, Sphere);
        Assert.True(result.Solved);
        Assert.True(result.Loss <= 0.01f);
        Assert.Equal(Sphere(network), result.Loss);
        Assert.All(result.History.SkipLast(1), h => Assert.True(h.BestLoss > 0.01f)); // it did not run past a solution
        Assert.All(network.Parameters.ToArray(), p => Assert.InRange(p, 0.3f - 0.1f, 0.3f + 0.1f));
    }

    [Fact]
    public void NaNLossesCountAsWorst()
    {
        // Half the space returns NaN: the search must still settle on the finite side.
        var options = new GeneticAlgorithmOptions { PopulationSize = 20, MaxEvaluations = 400, MaxDegreeOfParallelism = 1 };
        GeneticAlgorithmResult result = new GeneticAlgorithm(options).Run(new FourParameterNet(),
            network => network.Parameters[0] < 0 ? float.NaN : Sphere(network));
        Assert.True(float.IsFinite(result.Loss));
        Assert.True(result.Parameters[0] >= 0);
    }

    [Fact]
    public void TheLossesOwnExceptionReachesTheCaller()
    {
        var options = new GeneticAlgorithmOptions { PopulationSize = 8, MaxDegreeOfParallelism = 4 };
        var error = Assert.Throws<InvalidOperationException>(() => new GeneticAlgorithm(options).Run(new FourParameterNet(),
            _ => throw new InvalidOperationException("bad candidate")));
        Assert.Equal("bad candidate", error.Message);
    }
}
