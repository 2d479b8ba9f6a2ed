using System;
using System.Reflection;
using NetGen.Numerics;

namespace NetGen.Analyzers.Tests;

/// <summary>What a fixed network's gradient does at run time, for the code-fix tests that check a fix's effect.</summary>
internal static class MeasuredFlow
{
    /// <summary>
    /// GradientFlow.Measure's R of network <paramref name="name"/> in <paramref name="assembly"/> over 64 standard normal
    /// samples and targets (a network with batch normalisation in training mode, one batch of 64).
    /// </summary>
    public static double Ratio(Assembly assembly, string name)
    {
        var net = (INetwork)Activator.CreateInstance(assembly.GetType(name)!)!;
        var random = new SeededRandom(7);
        var inputs = new float[64 * net.InputSize];
        var targets = new float[64 * net.OutputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextNormal();
        return GradientFlow.Measure(net, inputs, targets, 64).Ratio;
    }
}
