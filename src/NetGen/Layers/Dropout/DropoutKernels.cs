using System;
using System.Numerics.Tensors;

namespace NetGen.Numerics;

/// <summary>
/// Inverted dropout, as torch.nn.Dropout in training: each value kept with probability 1 − p and scaled by 1/(1 − p),
/// else zeroed. The k-th value a layer ever draws uses the k-th output of <c>new SeededRandom(seed, stream)</c>, so a
/// mask depends only on the seed, the layer and how many values it drew before, never on threads or timing.
/// </summary>
public static class DropoutKernels
{
    /// <summary>
    /// y = x ⊙ mask, the mask (0 or 1/(1 − p) per value) kept for the backward pass; draws <paramref name="x"/>.Length
    /// values after <paramref name="draws"/> and returns the new count.
    /// </summary>
    public static long TrainForward(ReadOnlySpan<float> x, Span<float> mask, Span<float> y, float probability, int seed, int stream, long draws)
    {
        // Keep a value when the top 24 bits of its draw reach p·2²⁴: probability 1 − p to within 2⁻²⁴.
        uint threshold = (uint)Math.Round(probability * (1 << 24));
        float scale = 1f / (1f - probability);
        ulong state = SeededRandom.StateBefore(seed, stream, draws);
        for (int i = 0; i < x.Length; i++)
            mask[i] = (uint)(SeededRandom.Advance(ref state) >> 40) >= threshold ? scale : 0f;
        TensorPrimitives.Multiply(x, mask.Slice(0, x.Length), y);
        return draws + x.Length;
    }

    /// <summary>dL/dx += dL/dy ⊙ mask.</summary>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> mask, Span<float> dx)
        => TensorPrimitives.FusedMultiplyAdd(dy, mask.Slice(0, dy.Length), dx, dx);
}
