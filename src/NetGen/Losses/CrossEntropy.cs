using System;
using NetGen.Numerics;

namespace NetGen.Losses;

/// <summary>−Σ t·log p over the classes of a softmax output (probability or one-hot targets).</summary>
public static class CrossEntropy
{
    /// <summary>
    /// Returns the loss, computed from the logits <paramref name="z"/> with log-softmax so that it stays
    /// finite, and writes the fused gradient with respect to the logits, p·Σt − t (p − t for a
    /// distribution).
    /// </summary>
    public static float ComputeFused(ReadOnlySpan<float> z, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> target, Span<float> preActivationGradient)
    {
        SpanLength.AtLeast(z.Length, 1, nameof(z));
        SpanLength.AtLeast(probabilities.Length, z.Length, nameof(probabilities));
        SpanLength.Exactly(target.Length, z.Length, nameof(target));
        SpanLength.AtLeast(preActivationGradient.Length, z.Length, nameof(preActivationGradient));
        float max = float.NegativeInfinity;
        for (int i = 0; i < z.Length; i++) max = MathF.Max(max, z[i]);
        float sumExp = 0f, targetSum = 0f;
        for (int i = 0; i < z.Length; i++)
        {
            sumExp += MathF.Exp(z[i] - max);
            targetSum += target[i];
        }
        float logNormaliser = max + MathF.Log(sumExp), loss = 0f;
        for (int i = 0; i < z.Length; i++)
        {
            if (target[i] != 0f) loss -= target[i] * (z[i] - logNormaliser);
            preActivationGradient[i] = probabilities[i] * targetSum - target[i];
        }
        return loss;
    }
}
