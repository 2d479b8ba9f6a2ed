using System;
using System.Collections.Generic;
using NetGen.Benchmarks;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks;

/// <summary>The self-check of the training workloads: NetGen and torch take the same steps from the same parameters.</summary>
public static class TrainingAgreement
{
    /// <summary>
    /// Loads <paramref name="network"/>'s parameters into <paramref name="torchParameters"/>, then takes three
    /// steps on each side and compares each step's loss, gradients and updated parameters; torch ends with
    /// NetGen's parameters, so both sides go on from the same point.
    /// </summary>
    public static void Check(string name, INetwork network, Func<float> generatedStep, IReadOnlyList<Tensor> torchParameters, Func<float> torchStep)
    {
        TorchParameters.Load(torchParameters, network.Parameters);
        for (int step = 1; step <= 3; step++)
        {
            float loss = generatedStep();
            Agreement.Check($"{name} step {step} loss", loss, torchStep());
            Agreement.Check($"{name} step {step} gradients", network.Gradients, TorchParameters.ReadGradients(torchParameters));
            Agreement.Check($"{name} step {step} parameters", network.Parameters, TorchParameters.Read(torchParameters));
        }
        TorchParameters.Load(torchParameters, network.Parameters);
    }
}
