using System;

namespace NetGen;

/// <summary>What every gradient-free search shares: its budget, seed, stopping criterion and parallelism.</summary>
public abstract record GradientFreeOptions
{
    /// <summary>Most candidates evaluated (calls of the loss), so that a search always ends. Must be positive.</summary>
    public int MaxEvaluations { get; init; } = 100_000;

    /// <summary>Seed of every random draw; with the same seed and options, a search gives bitwise the same result whatever the number of threads.</summary>
    public int Seed { get; init; }

    /// <summary>When set, a candidate solves the task only if its loss is at most this (and <see cref="Solved"/>, if set, agrees).</summary>
    public float? TargetLoss { get; init; }

    /// <summary>When set, a candidate solves the task only if this returns true (and its loss meets <see cref="TargetLoss"/>, if set).</summary>
    /// <remarks>With neither criterion set, nothing counts as solved and the search uses its whole budget.</remarks>
    public SolvedPredicate? Solved { get; init; }

    /// <summary>Threads evaluating candidates: −1 (default) for one per processor, or a positive number. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public virtual void Validate()
    {
        if (MaxEvaluations <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), MaxEvaluations, "Must be positive: the budget of loss evaluations.");
        if (TargetLoss is float target && float.IsNaN(target))
            throw new ArgumentOutOfRangeException(nameof(TargetLoss), target, "Must be a number, or null for no target.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Must be -1 (one thread per processor) or positive.");
    }

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1].</summary>
    private protected static void CheckProbability(float value, string name)
    {
        if (!(value >= 0f && value <= 1f)) throw new ArgumentOutOfRangeException(name, value, "Must be a probability in [0, 1].");
    }

    /// <summary>Throws unless <paramref name="value"/> is a positive finite number.</summary>
    private protected static void CheckPositive(float value, string name)
    {
        if (!(value > 0f && float.IsFinite(value))) throw new ArgumentOutOfRangeException(name, value, "Must be a positive finite number.");
    }
}
