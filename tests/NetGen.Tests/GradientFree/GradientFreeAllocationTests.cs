using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>
/// On one thread, breeding and evaluating candidates allocates nothing (when the loss does not): measured over
/// 1,000 generations or blocks with <see cref="AllocationTests.AssertAllocatesNothing"/>.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class GradientFreeAllocationTests
{
    [Fact]
    public void TheObjectivesAllocateNothing()
    {
        var network = new XorSigmoidNet();
        AllocationTests.AssertAllocatesNothing(() => XorTask.Loss(network), "NetworkObjectives.MeanSquaredError");
        AllocationTests.AssertAllocatesNothing(() => XorTask.Solved(network, 0f), "NetworkObjectives.AllOutputsWithin");
    }

    [Theory]
    [InlineData(CrossoverKind.Uniform)]
    [InlineData(CrossoverKind.OnePoint)]
    public void AGenerationAllocatesNothing(CrossoverKind crossover)
    {
        var options = new GeneticAlgorithmOptions { PopulationSize = 20, EliteCount = 2, Crossover = crossover, MaxDegreeOfParallelism = 1, Solved = XorTask.Solved };
        var run = new GeneticAlgorithmRun(new XorSigmoidNet(), XorTask.Loss, options);
        run.Step(); // the initial population; later generations breed from it
        run.Step();
        AllocationTests.AssertAllocatesNothing(() => run.BreedAndEvaluate(), "GeneticAlgorithmRun.BreedAndEvaluate");
    }

    [Fact]
    public void ABlockOfRandomTrialsAllocatesNothing()
    {
        var options = new RandomSearchOptions { MaxDegreeOfParallelism = 1, Solved = XorTask.Solved };
        var run = new RandomSearchRun(new XorSigmoidNet(), XorTask.Loss, options);
        AllocationTests.AssertAllocatesNothing(() => run.EvaluateBlock(0, RandomSearchRun.BlockSize), "RandomSearchRun.EvaluateBlock");
    }
}
