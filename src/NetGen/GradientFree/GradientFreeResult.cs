using System.Collections.Generic;

namespace NetGen;

/// <summary>What a gradient-free search found. The network it ran on holds <see cref="Parameters"/> afterwards.</summary>
/// <param name="Solved">Whether a candidate met the stopping criterion.</param>
/// <param name="Loss">The loss of <see cref="Parameters"/>.</param>
/// <param name="Evaluations">
/// Candidates evaluated, counted in the order the search creates them, up to and including the solution (or the whole
/// budget). Candidates evaluated in parallel after the solution are not counted, so the figure does not depend on threads.
/// </param>
/// <param name="Parameters">The solution if <see cref="Solved"/>; otherwise the candidate with the lowest loss (the earliest among equals).</param>
public abstract record GradientFreeResult(bool Solved, float Loss, int Evaluations, float[] Parameters);

/// <summary>A new lowest loss during a random search.</summary>
/// <param name="Evaluations">The trial's number, counting from 1.</param>
/// <param name="Loss">Its loss.</param>
public readonly record struct Improvement(int Evaluations, float Loss);

/// <summary>What <see cref="RandomSearch.Run"/> found.</summary>
/// <param name="Solved">Whether a trial met the stopping criterion.</param>
/// <param name="Loss">The loss of <paramref name="Parameters"/>.</param>
/// <param name="Evaluations">Trials up to and including the solution, or the whole budget.</param>
/// <param name="Parameters">The solution, or the trial with the lowest loss.</param>
/// <param name="Trial">The index (from 0) of that trial: <see cref="RandomSearch.Draw"/> with it gives its parameters again.</param>
/// <param name="Improvements">Each new lowest loss, in order.</param>
public sealed record RandomSearchResult(bool Solved, float Loss, int Evaluations, float[] Parameters, int Trial, IReadOnlyList<Improvement> Improvements)
    : GradientFreeResult(Solved, Loss, Evaluations, Parameters);

/// <summary>One generation of a genetic algorithm.</summary>
/// <param name="Generation">Its number, 0 for the initial random population.</param>
/// <param name="Evaluations">Evaluations so far, this generation included.</param>
/// <param name="BestLoss">The lowest loss in this generation (elites included).</param>
/// <param name="MeanLoss">The mean of its finite losses (NaN if none is finite).</param>
public readonly record struct GenerationSummary(int Generation, int Evaluations, float BestLoss, float MeanLoss);

/// <summary>What <see cref="GeneticAlgorithm.Run"/> found.</summary>
/// <param name="Solved">Whether an individual met the stopping criterion.</param>
/// <param name="Loss">The loss of <paramref name="Parameters"/>.</param>
/// <param name="Evaluations">Individuals evaluated, in birth order, up to and including the solution, or the whole budget (elites are not evaluated again).</param>
/// <param name="Parameters">The solution, or the individual with the lowest loss ever seen.</param>
/// <param name="Generations">Generations run, the initial population included.</param>
/// <param name="History">One summary per generation.</param>
public sealed record GeneticAlgorithmResult(bool Solved, float Loss, int Evaluations, float[] Parameters, int Generations, IReadOnlyList<GenerationSummary> History)
    : GradientFreeResult(Solved, Loss, Evaluations, Parameters);
