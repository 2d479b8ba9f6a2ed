using System;

namespace NetGen;

/// <summary>Updates parameters from their gradients.</summary>
public interface IOptimizer
{
    /// <summary>One update of <paramref name="parameters"/> from <paramref name="gradients"/> (same length).</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
}
