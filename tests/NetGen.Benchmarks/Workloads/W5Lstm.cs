using System;
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
    public static void Setup(string name, LstmBench network, PlainLstm plain, float[] input, float[] target, SimdLstm? simd = null,
        BroadcastLstm? best = null)
        => RecurrentCheck.Setup(name, network, network.Memory, network.Out, plain, input, target, simd, best);

    /// <summary>
    /// An ONNX Runtime session (<see cref="OnnxRuntimeNetwork"/>) on <paramref name="network"/>'s current parameters for
    /// <paramref name="input"/>'s number of steps, with <paramref name="input"/> in its bound buffer, both call paths
    /// checked against the generated Forward.
    /// </summary>
    public static OnnxRuntimeNetwork OnnxRuntime(string name, LstmBench network, float[] input)
    {
        int steps = input.Length / LstmBench.InputSize;
        var ort = new OnnxRuntimeNetwork(network, 1, steps, LstmBench.InputSize);
        var expected = new float[LstmBench.OutputSize];
        var actual = new float[LstmBench.OutputSize];
        network.Forward(input, expected);
        input.CopyTo(ort.Input);
        ort.RunBound();
        Agreement.Check($"{name}: output of {steps} step(s), ONNX Runtime (IOBinding)", expected, ort.Output);
        ort.RunNamed(input, actual);
        Agreement.Check($"{name}: output of {steps} step(s), ONNX Runtime (NamedOnnxValue)", expected, actual);
        return ort;
    }
}
