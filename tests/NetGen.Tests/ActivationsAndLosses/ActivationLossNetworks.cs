using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using NetGen.Testing;

namespace NetGen.Tests;

/// <summary>
/// Every hidden activation × every loss/output pairing, generated as source and compiled by the real generator
/// in ONE in-memory compilation (a compilation costs a second or two; 120 of them would dominate the run).
/// Shape: 3 inputs → 4 (hidden) → 4 (hidden) → the output layer, so the hidden activation is differentiated
/// twice and the input-gradient path (Wᵀ·δ) runs through two layers.
/// </summary>
public sealed class ActivationLossNetworks
{
    public static readonly Activation[] HiddenActivations =
        [Activation.Linear, Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Elu, Activation.Gelu, Activation.Softplus, Activation.Selu, Activation.Silu];

    /// <summary>Every (hidden activation, loss, output activation) that the tests use.</summary>
    public static IEnumerable<(Activation Hidden, Loss Loss, Activation Output)> Definitions()
    {
        foreach (Activation hidden in HiddenActivations)
        {
            foreach (Activation output in HiddenActivations) yield return (hidden, Loss.MeanSquaredError, output);
            yield return (hidden, Loss.BinaryCrossEntropy, Activation.Sigmoid);
            yield return (hidden, Loss.CrossEntropy, Activation.Softmax);
        }
    }

    public static int OutputSize(Loss loss) => loss switch { Loss.MeanSquaredError => 2, _ => 3 };

    public static string ClassName(Activation hidden, Loss loss, Activation output) => $"{hidden}_{loss}_{output}";

    public static string Source(Activation hidden, Loss loss, Activation output, int seed) => string.Create(CultureInfo.InvariantCulture, $$"""
        using NetGen;
        namespace GradientCheck
        {
            [Network(Loss = Loss.{{loss}}, Seed = {{seed}})]
            public partial class {{ClassName(hidden, loss, output)}}
            {
                [Input(3)] public partial InputLayer In { get; }
                [Dense(4, Activation.{{hidden}})] public partial DenseLayer Hidden1 { get; }
                [Dense(4, Activation.{{hidden}})] public partial DenseLayer Hidden2 { get; }
                [Dense({{OutputSize(loss)}}, Activation.{{output}})] public partial DenseLayer Out { get; }
            }
        }
        """);

    public ActivationLossNetworks()
    {
        string[] sources = Definitions().Select((d, i) => Source(d.Hidden, d.Loss, d.Output, seed: 100 + i)).ToArray();
        Assembly = GeneratorHarness.CompileAndLoad(sources);
    }

    public Assembly Assembly { get; }

    /// <summary>A fresh instance (its parameterless constructor: the declared seed).</summary>
    public INetwork Create(Activation hidden, Loss loss, Activation output)
    {
        Type type = Assembly.GetType("GradientCheck." + ClassName(hidden, loss, output), throwOnError: true)!;
        return (INetwork)Activator.CreateInstance(type)!;
    }
}
