using System;
using System.Collections.Generic;

namespace NetGen.Tests;

/// <summary>A test double around a real optimizer: records each step's gradients and the parameters after its update.</summary>
internal sealed class StepRecorder(IOptimizer inner) : IOptimizer
{
    public List<float[]> Gradients { get; } = new();
    public List<float[]> ParametersAfter { get; } = new();

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Gradients.Add(gradients.ToArray());
        inner.Step(parameters, gradients);
        ParametersAfter.Add(parameters.ToArray());
    }
}
