using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>What the three W5 workloads (LSTM 8 → 32 → dense 1, batch 1) share: sizes, data and the self-check.</summary>
public static class W5Lstm
{
    /// <summary>Steps of the long sequence of W5b and W5c.</summary>
    public const int LongSequence = 100;

    /// <summary>A sequence of <paramref name="steps"/> × <see cref="LstmBench.InputSize"/> values, step-major.</summary>
    public static float[] Sequence(int steps, int seed) => Data.Uniform(steps * LstmBench.InputSize, seed);

    /// <summary>A target for the last step's output.</summary>
    public static float[] Target(int seed) => Data.Uniform(LstmBench.OutputSize, seed);

    /// <summary>The self-check of <see cref="RecurrentCheck.Setup"/> on the LSTM and its baselines.</summary>
    public static void Setup(string name, LstmBench network, PlainLstm plain, float[] input, float[] target, SimdLstm? simd = null)
        => RecurrentCheck.Setup(name, network, network.Memory, network.Out, plain, input, target, simd);
}
