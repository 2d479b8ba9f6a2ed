using System;
using System.Collections.Generic;

namespace NetGen.Tests;

/// <summary>A test double: records what each <see cref="IOptimizer.Step"/> receives and changes nothing.</summary>
internal sealed class RecordingOptimizer : IOptimizer
{
    public List<float[]> Gradients { get; } = new();
    public List<float[]> Parameters { get; } = new();

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Parameters.Add(parameters.ToArray());
        Gradients.Add(gradients.ToArray());
    }
}
