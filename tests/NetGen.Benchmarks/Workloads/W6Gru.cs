using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// What the three W6 workloads (GRU 8 → 32 → dense 1, batch 1: W5's shape with a GRU instead of the LSTM) share:
/// data and the self-check. They run on the same sequences and targets as W5 (the same seeds).
/// </summary>
public static class W6Gru
{
    /// <summary>A sequence of <paramref name="steps"/> × <see cref="GruBench.InputSize"/> values, step-major.</summary>
    public static float[] Sequence(int steps, int seed) => Data.Uniform(steps * GruBench.InputSize, seed);

    /// <summary>A target for the last step's output.</summary>
    public static float[] Target(int seed) => Data.Uniform(GruBench.OutputSize, seed);

    /// <summary>The self-check of <see cref="RecurrentCheck.Setup"/> on the GRU and its baselines.</summary>
    public static void Setup(string name, GruBench network, PlainGru plain, float[] input, float[] target, SimdGru? simd = null, BroadcastGru? best = null)
        => RecurrentCheck.Setup(name, network, network.Memory, network.Out, plain, input, target, simd, best);
}
