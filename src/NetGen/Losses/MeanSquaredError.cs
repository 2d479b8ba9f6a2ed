using System;
using NetGen.Numerics;

namespace NetGen.Losses;

/// <summary>Mean over outputs of (y − t)², as <c>F.mse_loss</c>.</summary>
public static class MeanSquaredError
{
    /// <summary>Returns the loss and writes dLoss/dy = 2(y − t)/n into <paramref name="outputGradient"/>.</summary>
    public static float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> outputGradient)
    {
        SpanLength.AtLeast(output.Length, 1, nameof(output));
        SpanLength.Exactly(target.Length, output.Length, nameof(target));
        SpanLength.AtLeast(outputGradient.Length, output.Length, nameof(outputGradient));
        float sum = 0f, scale = 2f / output.Length;
        for (int i = 0; i < output.Length; i++)
        {
            float difference = output[i] - target[i];
            sum += difference * difference;
            outputGradient[i] = scale * difference;
        }
        return sum / output.Length;
    }
}
