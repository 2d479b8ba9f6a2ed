using NetGen.Tests.Networks;

namespace NetGen.Tests.GradientFree;

/// <summary>XOR with 0/1 targets and the objectives the gradient-free tests search with.</summary>
internal static class XorTask
{
    public static readonly Dataset Data = new([0, 0, 0, 1, 1, 0, 1, 1], 2, [0, 1, 1, 0], 1);

    public static readonly NetworkLoss Loss = NetworkObjectives.MeanSquaredError(Data);

    /// <summary>Every output on the right side of 0.5.</summary>
    public static readonly SolvedPredicate Solved = NetworkObjectives.AllOutputsWithin(Data);

    /// <summary>
    /// A hand-made solution for <see cref="XorSigmoidNet"/>: hidden unit 0 is OR (σ(20a + 20b − 10)), unit 1 is NAND
    /// (σ(−20a − 20b + 30)), the output is their AND (σ(20h₀ + 20h₁ − 30)); every output is within 0.0001 of its target.
    /// </summary>
    public static readonly float[] Solution = [20, 20, -20, -20, -10, 30, 20, 20, -30];
}
