using System;
using NetGen.Numerics;

namespace NetGen.Losses;

/// <summary>
/// Mean over outputs of −[t·log p + (1 − t)·log(1 − p)] on sigmoid outputs, with each log clamped at
/// −100 as <c>F.binary_cross_entropy</c> does.
/// </summary>
public static class BinaryCrossEntropy
{
    private const float LogFloor = -100f;

    /// <summary>
    /// Returns the loss and writes the fused gradient with respect to the sigmoid's pre-activations,
    /// (p − t)/n, which stays exact where σ′ underflows.
    /// </summary>
    public static float ComputeFused(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target, Span<float> preActivationGradient)
    {
        SpanLength.AtLeast(probabilities.Length, 1, nameof(probabilities));
        SpanLength.Exactly(target.Length, probabilities.Length, nameof(target));
        SpanLength.AtLeast(preActivationGradient.Length, probabilities.Length, nameof(preActivationGradient));
        float sum = 0f, scale = 1f / probabilities.Length;
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i], t = target[i];
            sum -= t * MathF.Max(MathF.Log(p), LogFloor) + (1f - t) * MathF.Max(MathF.Log(1f - p), LogFloor);
            preActivationGradient[i] = scale * (p - t);
        }
        return sum * scale;
    }
}
