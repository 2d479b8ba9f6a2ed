using System;
using NetGen.Benchmarks.Baselines;

namespace NetGen.Benchmarks.Workloads;

/// <summary>The self-check of the recurrent workloads (W5 LSTM, W6 GRU): generated network against its baselines.</summary>
public static class RecurrentCheck
{
    /// <summary>
    /// Gives the network non-zero biases (they initialise to zero; through the layer views, so b_ih and b_hh
    /// differ and the check sees them), copies every parameter into <paramref name="plain"/>, then checks
    /// twice that Forward (every step's hidden state and the output), ZeroGradients and Backward (loss and
    /// every gradient) agree on <paramref name="input"/>; and, given <paramref name="simd"/>, that the
    /// hand-written SIMD forward agrees too (every step's hidden state and the output), and the same for
    /// <paramref name="best"/>, the strongest hand-written inference forward. The network's layer 1
    /// is <paramref name="memory"/>, its last layer <paramref name="output"/>.
    /// </summary>
    public static void Setup(string name, INetwork network, RecurrentLayer memory, DenseLayer output, IRecurrentBaseline plain,
        float[] input, float[] target, IRecurrentSimdForward? simd = null, IRecurrentSimdForward? best = null)
    {
        Data.Uniform(memory.BiasIh.Length, seed: 501, min: -0.2f, max: 0.2f).CopyTo(memory.BiasIh);
        Data.Uniform(memory.BiasHh.Length, seed: 502, min: -0.2f, max: 0.2f).CopyTo(memory.BiasHh);
        Data.Uniform(output.Bias.Length, seed: 503, min: -0.2f, max: 0.2f).CopyTo(output.Bias);
        plain.LoadParameters(network.Parameters);
        simd?.LoadParameters(network.Parameters);
        best?.LoadParameters(network.Parameters);

        int steps = input.Length / network.InputSize;
        var outputs = new float[network.OutputSize];
        var plainOutputs = new float[network.OutputSize];
        var gradients = new float[network.ParameterCount];
        for (int round = 1; round <= 2; round++)
        {
            network.Forward(input, outputs);
            network.ZeroGradients();
            float loss = network.Backward(target);
            plain.Forward(input, plainOutputs);
            plain.ZeroGradients();
            float plainLoss = plain.Backward(target);
            Agreement.Check($"{name} round {round}: hidden states of {steps} step(s)", network.LayerOutput(1), plain.HiddenStates);
            Agreement.Check($"{name} round {round}: output", outputs, plainOutputs);
            Agreement.Check($"{name} round {round}: loss", loss, plainLoss);
            plain.CopyGradientsTo(gradients);
            Agreement.Check($"{name} round {round}: gradients", network.Gradients, gradients);
            if (simd is not null)
            {
                simd.Forward(input, plainOutputs);
                Agreement.Check($"{name} round {round}: hidden states of {steps} step(s), hand SIMD", network.LayerOutput(1), simd.HiddenStates);
                Agreement.Check($"{name} round {round}: output, hand SIMD", outputs, plainOutputs);
            }
            if (best is not null)
            {
                best.Forward(input, plainOutputs);
                Agreement.Check($"{name} round {round}: hidden states of {steps} step(s), hand best", network.LayerOutput(1), best.HiddenStates);
                Agreement.Check($"{name} round {round}: output, hand best", outputs, plainOutputs);
            }
        }
        var parameters = new float[network.ParameterCount];
        plain.CopyParametersTo(parameters);
        Agreement.Check($"{name}: parameters", network.Parameters, parameters);
    }
}
