using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>
/// Random weight guessing (Schmidhuber, Hochreiter &amp; Bengio 2001, "Evaluating benchmark problems by random
/// guessing"): draw every parameter uniformly from [−Range, Range] until a trial solves the task or the budget is spent.
/// No gradient is used, so none can vanish; it measures how hard a benchmark really is.
/// </summary>
/// <remarks>
/// Trial t's parameters are a pure function of (Seed, t) (<see cref="Draw"/>), so trials run in parallel on clones
/// of the network and the result is the same for any number of threads.
/// </remarks>
public sealed class RandomSearch
{
    /// <summary>Creates a search with <paramref name="options"/> (defaults when null), checked now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public RandomSearch(RandomSearchOptions? options = null)
    {
        Options = options ?? new RandomSearchOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public RandomSearchOptions Options { get; }

    /// <summary>
    /// Searches the parameters of <paramref name="network"/> for the lowest <paramref name="loss"/>, stopping at the
    /// first trial that meets <see cref="GradientFreeOptions.TargetLoss"/> / <see cref="GradientFreeOptions.Solved"/>.
    /// The network's parameters are overwritten; at the end they hold the result's.
    /// </summary>
    /// <remarks>Up to <see cref="GradientFreeOptions.MaxDegreeOfParallelism"/> − 1 clones of the network are made; see <see cref="NetworkLoss"/> for the rules the loss must follow.
    /// An exception thrown by the loss or the predicate ends the search and reaches the caller unwrapped.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="loss"/> is null.</exception>
    public RandomSearchResult Run(INetwork network, NetworkLoss loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        return new RandomSearchRun(network, loss, Options).Run();
    }

    /// <summary>Writes trial <paramref name="trial"/>'s parameters for <paramref name="options"/> into <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trial"/> is negative, or an option is out of range.</exception>
    public static void Draw(Span<float> parameters, RandomSearchOptions options, int trial)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(trial);
        DrawTrial(parameters, options.Range, options.Seed, trial, new SeededRandom(options.Seed));
    }

    internal static void DrawTrial(Span<float> parameters, float range, int seed, int trial, SeededRandom random)
    {
        random.Reseed(seed, trial);
        SearchOperators.FillUniform(parameters, range, random);
    }
}
