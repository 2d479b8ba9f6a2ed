using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.GradientFree;

/// <summary>Every option out of range is rejected when the search is created, naming the option and the expected values.</summary>
public sealed class GradientFreeValidationTests
{
    public static TheoryData<GeneticAlgorithmOptions, string, string> BadGeneticOptions() => new()
    {
        { new() { PopulationSize = 1 }, "PopulationSize", "at least 2" },
        { new() { TournamentSize = 0 }, "TournamentSize", "[1, 100]" },
        { new() { PopulationSize = 5, TournamentSize = 6, EliteCount = 0 }, "TournamentSize", "[1, 5]" },
        { new() { CrossoverRate = -0.1f }, "CrossoverRate", "[0, 1]" },
        { new() { CrossoverRate = float.NaN }, "CrossoverRate", "[0, 1]" },
        { new() { Crossover = (CrossoverKind)7 }, "Crossover", "Uniform or OnePoint" },
        { new() { MutationRate = 1.01f }, "MutationRate", "[0, 1]" },
        { new() { MutationStandardDeviation = 0f }, "MutationStandardDeviation", "positive finite" },
        { new() { MutationStandardDeviation = float.PositiveInfinity }, "MutationStandardDeviation", "positive finite" },
        { new() { EliteCount = -1 }, "EliteCount", "[0, 99]" },
        { new() { PopulationSize = 4, TournamentSize = 2, EliteCount = 4 }, "EliteCount", "[0, 3]" },
        { new() { InitialRange = -1f }, "InitialRange", "positive finite" },
        { new() { MaxEvaluations = 0 }, "MaxEvaluations", "positive" },
        { new() { TargetLoss = float.NaN }, "TargetLoss", "a number" },
        { new() { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism", "-1" },
        { new() { MaxDegreeOfParallelism = -2 }, "MaxDegreeOfParallelism", "-1" },
    };

    [Theory]
    [MemberData(nameof(BadGeneticOptions))]
    public void GeneticAlgorithmRejectsABadOption(GeneticAlgorithmOptions options, string name, string expected)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithm(options));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-3f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void RandomSearchRejectsABadRange(float range)
        => Assert.Equal("Range", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(new RandomSearchOptions { Range = range })).ParamName);

    [Fact]
    public void RandomSearchRejectsABadBudget()
        => Assert.Equal("MaxEvaluations", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch(new RandomSearchOptions { MaxEvaluations = -5 })).ParamName);

    [Fact]
    public void BoundaryValuesAreAccepted()
    {
        _ = new GeneticAlgorithm(new GeneticAlgorithmOptions
        {
            PopulationSize = 2, TournamentSize = 2, EliteCount = 1, CrossoverRate = 0f, MutationRate = 1f, MaxEvaluations = 1,
            MaxDegreeOfParallelism = 1, TargetLoss = float.NegativeInfinity,
        });
        _ = new GeneticAlgorithm(new GeneticAlgorithmOptions { TournamentSize = 1, CrossoverRate = 1f, MutationRate = 0f, EliteCount = 0 });
        Assert.Equal(100, new GeneticAlgorithm().Options.PopulationSize); // null options are the defaults
        Assert.Equal(10f, new RandomSearch().Options.Range);
    }

    [Fact]
    public void RunRejectsMissingArguments()
    {
        var search = new RandomSearch();
        var genetic = new GeneticAlgorithm();
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => search.Run(null!, XorTask.Loss)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => search.Run(new XorSigmoidNet(), null!)).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => genetic.Run(null!, XorTask.Loss)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => genetic.Run(new XorSigmoidNet(), null!)).ParamName);
    }
}
