using System;
using NetGen.Numerics;

namespace NetGen.Activations;

/// <summary>Normalised exponentials over a whole layer; only on the output layer, trained with cross-entropy.</summary>
public static class Softmax
{
    /// <summary>p = softmax(z), computed with the maximum subtracted so that no exponential overflows.</summary>
    public static void Apply(ReadOnlySpan<float> z, Span<float> p)
    {
        SpanLength.AtLeast(z.Length, 1, nameof(z));
        SpanLength.AtLeast(p.Length, z.Length, nameof(p));
        float max = float.NegativeInfinity;
        for (int i = 0; i < z.Length; i++) max = MathF.Max(max, z[i]);
        float sum = 0f;
        for (int i = 0; i < z.Length; i++)
        {
            p[i] = MathF.Exp(z[i] - max);
            sum += p[i];
        }
        float inverse = 1f / sum;
        for (int i = 0; i < z.Length; i++) p[i] *= inverse;
    }
}
