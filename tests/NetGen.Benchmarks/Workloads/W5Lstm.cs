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

    /// <summary>
    /// Gives the network non-zero biases (they initialise to zero; through the layer views, so b_ih and b_hh
    /// differ and the check sees them), copies every parameter into <paramref name="plain"/>, then checks
    /// twice that Forward (every step's hidden state and the output), ZeroGradients and Backward (loss and
    /// every gradient) agree on <paramref name="input"/>; and, given <paramref name="simd"/>, that the
    /// hand-written SIMD forward agrees too (every step's hidden state and the output).
    /// </summary>
    public static void Setup(string name, LstmBench network, PlainLstm plain, float[] input, float[] target, SimdLstm? simd = null)
    {
        Data.Uniform(network.Memory.BiasIh.Length, seed: 501, min: -0.2f, max: 0.2f).CopyTo(network.Memory.BiasIh);
        Data.Uniform(network.Memory.BiasHh.Length, seed: 502, min: -0.2f, max: 0.2f).CopyTo(network.Memory.BiasHh);
        Data.Uniform(network.Out.Bias.Length, seed: 503, min: -0.2f, max: 0.2f).CopyTo(network.Out.Bias);
        plain.LoadParameters(network.Parameters);
        simd?.LoadParameters(network.Parameters);

        int steps = input.Length / LstmBench.InputSize;
        var output = new float[LstmBench.OutputSize];
        var plainOutput = new float[LstmBench.OutputSize];
        var gradients = new float[LstmBench.ParameterCount];
        for (int round = 1; round <= 2; round++)
        {
            network.Forward(input, output);
            network.ZeroGradients();
            float loss = network.Backward(target);
            plain.Forward(input, plainOutput);
            plain.ZeroGradients();
            float plainLoss = plain.Backward(target);
            Agreement.Check($"{name} round {round}: hidden states of {steps} step(s)", network.LayerOutput(1), plain.HiddenStates);
            Agreement.Check($"{name} round {round}: output", output, plainOutput);
            Agreement.Check($"{name} round {round}: loss", loss, plainLoss);
            plain.CopyGradientsTo(gradients);
            Agreement.Check($"{name} round {round}: gradients", network.Gradients, gradients);
            if (simd is not null)
            {
                simd.Forward(input, plainOutput);
                Agreement.Check($"{name} round {round}: hidden states of {steps} step(s), hand SIMD", network.LayerOutput(1), simd.HiddenStates);
                Agreement.Check($"{name} round {round}: output, hand SIMD", output, plainOutput);
            }
        }
        var parameters = new float[LstmBench.ParameterCount];
        plain.CopyParametersTo(parameters);
        Agreement.Check($"{name}: parameters", network.Parameters, parameters);
    }
}
