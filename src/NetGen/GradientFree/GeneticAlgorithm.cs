using System;

namespace NetGen;

/// <summary>
/// A real-coded genetic algorithm over a network's parameters: a random initial population, tournament selection,
/// uniform or one-point crossover, Gaussian mutation and elitism, minimising a <see cref="NetworkLoss"/>.
/// </summary>
/// <remarks>
/// Each child's random draws come from its own stream, a function of (Seed, birth number), and elites are chosen by
/// loss with ties going to the lower index, so children can be bred and evaluated in parallel on clones of the network
/// and the result is bitwise the same for any number of threads.
/// </remarks>
public sealed class GeneticAlgorithm
{
    /// <summary>Creates the algorithm with <paramref name="options"/> (defaults when null), checked now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public GeneticAlgorithm(GeneticAlgorithmOptions? options = null)
    {
        Options = options ?? new GeneticAlgorithmOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public GeneticAlgorithmOptions Options { get; }

    /// <summary>
    /// Evolves the parameters of <paramref name="network"/> to minimise <paramref name="loss"/>, generation by
    /// generation, until an individual meets <see cref="GradientFreeOptions.TargetLoss"/> /
    /// <see cref="GradientFreeOptions.Solved"/> or the budget is spent. The network's parameters are overwritten; at
    /// the end they hold the result's.
    /// </summary>
    /// <remarks>Up to <see cref="GradientFreeOptions.MaxDegreeOfParallelism"/> − 1 clones of the network are made; see <see cref="NetworkLoss"/> for the rules the loss must follow.
    /// An exception thrown by the loss or the predicate ends the search and reaches the caller unwrapped.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="loss"/> is null.</exception>
    public GeneticAlgorithmResult Run(INetwork network, NetworkLoss loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        return new GeneticAlgorithmRun(network, loss, Options).Run();
    }
}
