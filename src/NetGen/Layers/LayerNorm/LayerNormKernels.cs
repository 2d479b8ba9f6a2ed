using System;
using System.Numerics.Tensors;

namespace NetGen.Numerics;

/// <summary>
/// Layer normalisation of each row (sample) over all its values, as torch.nn.LayerNorm: x̂ = (x − μ)/√(σ² + ε) with the
/// row's mean and biased variance, z = γ ⊙ x̂ + β element by element. The same in training and evaluation.
/// </summary>
public static class LayerNormKernels
{
    /// <summary>Added to the variance before its square root (PyTorch's default eps).</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>Each of <paramref name="rows"/> rows: x̂ into <paramref name="normalized"/>, 1/√(σ² + ε) into <paramref name="inverseStd"/>[row], z = γ ⊙ x̂ + β.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> normalized, Span<float> z, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> inverseStd, int rows)
    {
        int width = gamma.Length;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = x.Slice(r * width, width);
            Span<float> centred = normalized.Slice(r * width, width);
            float mean = (float)((double)TensorPrimitives.Sum(row) / width);
            TensorPrimitives.Subtract(row, mean, centred);
            float inverse = (float)(1.0 / Math.Sqrt((double)TensorPrimitives.SumOfSquares(centred) / width + Epsilon));
            inverseStd[r] = inverse;
            TensorPrimitives.Multiply(centred, inverse, centred);
            TensorPrimitives.FusedMultiplyAdd(centred, gamma, beta, z.Slice(r * width, width));
        }
    }

    /// <summary>
    /// Each row from dL/dz: ∇γ += dz ⊙ x̂ and ∇β += dz (added to), and dL/dx += (g − mean(g) − x̂·mean(g ⊙ x̂))/√(σ² + ε)
    /// with g = γ ⊙ dz (<paramref name="scratch"/> holds g: one row's width); an empty <paramref name="dx"/> skips it.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> dz, ReadOnlySpan<float> normalized, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseStd,
        Span<float> gradientGamma, Span<float> gradientBeta, Span<float> dx, Span<float> scratch, int rows)
    {
        int width = gamma.Length;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> d = dz.Slice(r * width, width), n = normalized.Slice(r * width, width);
            TensorPrimitives.Add(gradientBeta, d, gradientBeta);
            TensorPrimitives.FusedMultiplyAdd(d, n, gradientGamma, gradientGamma);
            if (dx.IsEmpty) continue;
            Span<float> g = scratch.Slice(0, width);
            TensorPrimitives.Multiply(d, gamma, g);
            float meanG = TensorPrimitives.Sum(g) / width, meanGx = TensorPrimitives.Dot(g, n) / width;
            TensorPrimitives.Subtract(g, meanG, g);
            TensorPrimitives.MultiplyAdd(n, -meanGx, g, g);
            Span<float> target = dx.Slice(r * width, width);
            TensorPrimitives.MultiplyAdd(g, inverseStd[r], target, target);
        }
    }
}
