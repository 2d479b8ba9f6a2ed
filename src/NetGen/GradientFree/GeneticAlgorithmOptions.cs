using System;

namespace NetGen;

/// <summary>Options of <see cref="GeneticAlgorithm"/>.</summary>
public sealed record GeneticAlgorithmOptions : GradientFreeOptions
{
    /// <summary>Individuals per generation. At least 2.</summary>
    public int PopulationSize { get; init; } = 100;

    /// <summary>Individuals drawn (with replacement) per tournament; the one with the lowest loss becomes a parent. In [1, <see cref="PopulationSize"/>].</summary>
    public int TournamentSize { get; init; } = 3;

    /// <summary>Probability that a child comes from crossing two parents rather than copying one. In [0, 1].</summary>
    public float CrossoverRate { get; init; } = 0.9f;

    /// <summary>The crossover operator.</summary>
    public CrossoverKind Crossover { get; init; } = CrossoverKind.Uniform;

    /// <summary>Probability that each parameter of a child receives Gaussian noise. In [0, 1].</summary>
    public float MutationRate { get; init; } = 0.1f;

    /// <summary>Standard deviation of that noise. A positive finite number.</summary>
    public float MutationStandardDeviation { get; init; } = 0.5f;

    /// <summary>The best individuals copied unchanged into the next generation. In [0, <see cref="PopulationSize"/>).</summary>
    public int EliteCount { get; init; } = 1;

    /// <summary>The first generation's parameters are drawn uniformly from [−InitialRange, InitialRange]. A positive finite number.</summary>
    public float InitialRange { get; init; } = 1f;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (PopulationSize < 2)
            throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, "Must be at least 2.");
        if (TournamentSize < 1 || TournamentSize > PopulationSize)
            throw new ArgumentOutOfRangeException(nameof(TournamentSize), TournamentSize, $"Must be in [1, {PopulationSize}] (the population size).");
        CheckProbability(CrossoverRate, nameof(CrossoverRate));
        if (!Enum.IsDefined(Crossover))
            throw new ArgumentOutOfRangeException(nameof(Crossover), Crossover, $"Must be {nameof(CrossoverKind.Uniform)} or {nameof(CrossoverKind.OnePoint)}.");
        CheckProbability(MutationRate, nameof(MutationRate));
        CheckPositive(MutationStandardDeviation, nameof(MutationStandardDeviation));
        if (EliteCount < 0 || EliteCount >= PopulationSize)
            throw new ArgumentOutOfRangeException(nameof(EliteCount), EliteCount, $"Must be in [0, {PopulationSize - 1}] (fewer than the population size).");
        CheckPositive(InitialRange, nameof(InitialRange));
    }
}
