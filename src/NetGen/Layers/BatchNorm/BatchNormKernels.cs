using System;
using System.Numerics.Tensors;

namespace NetGen.Numerics;

/// <summary>
/// Batch normalisation over rows × channels × positions (a row per sample; positions = 1 for features), as
/// torch.nn.BatchNorm1d/2d: in training each channel is standardised by its mean and biased variance over every row and
/// position, and the running statistics move towards them (the variance unbiased); in evaluation the running statistics
/// standardise. Statistics are summed in double, each channel in two passes (mean, then squares about it).
/// </summary>
public static class BatchNormKernels
{
    /// <summary>Added to the variance before its square root (PyTorch's default eps).</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>How far the running statistics move towards each batch's (PyTorch's default momentum).</summary>
    public const float Momentum = 0.1f;

    /// <summary>
    /// Training: x̂ = (x − μ_c)/√(σ²_c + ε) into <paramref name="normalized"/>, z = γ_c·x̂ + β_c, 1/√(σ²_c + ε) into
    /// <paramref name="inverseStd"/>, and the running statistics updated. <paramref name="scratch"/>: 4 × channels values
    /// for the features' vector path (one position per channel), unused otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than two values per channel (rows × positions), as PyTorch raises.</exception>
    public static void TrainForward(ReadOnlySpan<float> x, Span<float> normalized, Span<float> z, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> inverseStd, Span<float> scratch, int rows, int positions)
    {
        int channels = gamma.Length, width = channels * positions;
        long count = (long)rows * positions;
        if (count < 2)
            throw new InvalidOperationException($"Batch normalisation needs more than one value per channel in training, got {Counted.Of(rows, "sample")} of {Counted.Of(positions, "position")}: train with batches of 2 or more (PyTorch raises the same).");
        if (positions == 1)
        {
            TrainForwardFeatures(x, normalized, z, gamma, beta, runningMean, runningVariance, inverseStd, scratch, rows);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += TensorPrimitives.Sum(x.Slice(r * width + c * positions, positions));
            float mean = (float)(sum / count);
            double squares = 0;
            for (int r = 0; r < rows; r++)
            {
                Span<float> centred = normalized.Slice(r * width + c * positions, positions);
                TensorPrimitives.Subtract(x.Slice(r * width + c * positions, positions), mean, centred);
                squares += TensorPrimitives.SumOfSquares(centred);
            }
            double variance = squares / count;
            float inverse = (float)(1.0 / Math.Sqrt(variance + Epsilon));
            inverseStd[c] = inverse;
            for (int r = 0; r < rows; r++)
            {
                Span<float> values = normalized.Slice(r * width + c * positions, positions);
                TensorPrimitives.Multiply(values, inverse, values);
                Affine(values, gamma[c], beta[c], z.Slice(r * width + c * positions, positions));
            }
            runningMean[c] = (1 - Momentum) * runningMean[c] + Momentum * mean;
            runningVariance[c] = (1 - Momentum) * runningVariance[c] + Momentum * (float)(squares / (count - 1));
        }
    }

    /// <summary>
    /// Training backward from dL/dz (already divided by the batch): ∇γ_c = Σ dz·x̂ and ∇β_c = Σ dz written, and
    /// dL/dx += γ_c/√(σ²_c + ε) · (dz − ∇β_c/n − x̂·∇γ_c/n), n = rows × positions: the gradient through the batch's mean and
    /// variance too.
    /// </summary>
    public static void TrainBackward(ReadOnlySpan<float> dz, ReadOnlySpan<float> normalized, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseStd,
        Span<float> gradientGamma, Span<float> gradientBeta, Span<float> dx, Span<float> scratch, int rows, int positions)
    {
        int channels = gamma.Length, width = channels * positions;
        double count = (double)rows * positions;
        if (positions == 1)
        {
            TrainBackwardFeatures(dz, normalized, gamma, inverseStd, gradientGamma, gradientBeta, dx, scratch, rows);
            return;
        }
        for (int c = 0; c < channels; c++)
        {
            double sumDz = 0, sumDzX = 0;
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> d = dz.Slice(r * width + c * positions, positions);
                sumDz += TensorPrimitives.Sum(d);
                sumDzX += TensorPrimitives.Dot(d, normalized.Slice(r * width + c * positions, positions));
            }
            gradientGamma[c] = (float)sumDzX;
            gradientBeta[c] = (float)sumDz;
            if (dx.IsEmpty) continue;
            float scale = gamma[c] * inverseStd[c], meanDz = (float)(sumDz / count), meanDzX = (float)(sumDzX / count);
            for (int r = 0; r < rows; r++)
            {
                int at = r * width + c * positions;
                for (int p = 0; p < positions; p++)
                    dx[at + p] += scale * (dz[at + p] - meanDz - normalized[at + p] * meanDzX);
            }
        }
    }

    /// <summary>
    /// <see cref="TrainForward"/> over features (one position per channel): each row is a contiguous vector of channels, so
    /// the statistics accumulate row by row in vectors (<paramref name="scratch"/>: the squares, one per channel) rather
    /// than channel by channel down a column.
    /// </summary>
    private static void TrainForwardFeatures(ReadOnlySpan<float> x, Span<float> normalized, Span<float> z, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> inverseStd, Span<float> scratch, int rows)
    {
        int channels = gamma.Length;
        Span<float> mean = inverseStd[..channels], squares = scratch[..channels]; // the mean becomes 1/σ below
        mean.Clear();
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(mean, x.Slice(r * channels, channels), mean);
        TensorPrimitives.Multiply(mean, 1f / rows, mean);
        squares.Clear();
        for (int r = 0; r < rows; r++)
        {
            Span<float> centred = normalized.Slice(r * channels, channels);
            TensorPrimitives.Subtract(x.Slice(r * channels, channels), mean, centred);
            TensorPrimitives.FusedMultiplyAdd(centred, centred, squares, squares);
        }
        for (int c = 0; c < channels; c++)
        {
            runningMean[c] = (1 - Momentum) * runningMean[c] + Momentum * mean[c];
            runningVariance[c] = (1 - Momentum) * runningVariance[c] + Momentum * (float)((double)squares[c] / (rows - 1));
            mean[c] = (float)(1.0 / Math.Sqrt((double)squares[c] / rows + Epsilon));
        }
        for (int r = 0; r < rows; r++)
        {
            Span<float> values = normalized.Slice(r * channels, channels);
            TensorPrimitives.Multiply(values, mean, values);
            TensorPrimitives.FusedMultiplyAdd(values, gamma, beta, z.Slice(r * channels, channels));
        }
    }

    /// <summary>
    /// <see cref="TrainBackward"/> over features, row by row in vectors; <paramref name="scratch"/> holds three vectors of
    /// channels (γ/σ, ∇β/n, ∇γ/n) and one row.
    /// </summary>
    private static void TrainBackwardFeatures(ReadOnlySpan<float> dz, ReadOnlySpan<float> normalized, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseStd,
        Span<float> gradientGamma, Span<float> gradientBeta, Span<float> dx, Span<float> scratch, int rows)
    {
        int channels = gamma.Length;
        gradientGamma.Clear();
        gradientBeta.Clear();
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> d = dz.Slice(r * channels, channels);
            TensorPrimitives.Add(gradientBeta, d, gradientBeta);
            TensorPrimitives.FusedMultiplyAdd(d, normalized.Slice(r * channels, channels), gradientGamma, gradientGamma);
        }
        if (dx.IsEmpty) return;
        Span<float> scale = scratch[..channels], meanDz = scratch.Slice(channels, channels), meanDzX = scratch.Slice(2 * channels, channels), row = scratch.Slice(3 * channels, channels);
        TensorPrimitives.Multiply(gamma, inverseStd[..channels], scale);
        TensorPrimitives.Multiply(gradientBeta, 1f / rows, meanDz);
        TensorPrimitives.Multiply(gradientGamma, 1f / rows, meanDzX);
        for (int r = 0; r < rows; r++)
        {
            // dx += γ/σ · (dz − mean(dz) − x̂ · mean(dz·x̂))
            TensorPrimitives.FusedMultiplyAdd(normalized.Slice(r * channels, channels), meanDzX, meanDz, row);
            TensorPrimitives.Subtract(dz.Slice(r * channels, channels), row, row);
            Span<float> target = dx.Slice(r * channels, channels);
            TensorPrimitives.FusedMultiplyAdd(row, scale, target, target);
        }
    }

    /// <summary>Evaluation as one affine map per channel, z = x·scale + shift: scale = γ/√(running var + ε), shift = β − running mean·scale.</summary>
    public static (float Scale, float Shift) EvaluationAffine(float gamma, float beta, float runningMean, float runningVariance)
    {
        float scale = gamma / MathF.Sqrt(runningVariance + Epsilon);
        return (scale, beta - runningMean * scale);
    }

    /// <summary>Evaluation: z = γ_c·(x − running mean_c)/√(running var_c + ε) + β_c (<see cref="EvaluationAffine"/>).</summary>
    public static void Evaluate(ReadOnlySpan<float> x, Span<float> z, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int rows, int positions)
    {
        int channels = gamma.Length, width = channels * positions;
        for (int c = 0; c < channels; c++)
        {
            (float scale, float shift) = EvaluationAffine(gamma[c], beta[c], runningMean[c], runningVariance[c]);
            if (positions == 1) // features: one value per row, no span to hand a vector kernel
                for (int r = 0; r < rows; r++) z[r * width + c] = x[r * width + c] * scale + shift;
            else
                for (int r = 0; r < rows; r++)
                    Affine(x.Slice(r * width + c * positions, positions), scale, shift, z.Slice(r * width + c * positions, positions));
        }
    }

    /// <summary>
    /// Evaluation backward for one sample (the running statistics are constants): ∇γ_c += Σ dz·x̂, ∇β_c += Σ dz,
    /// dL/dx += dz·γ_c/√(running var_c + ε).
    /// </summary>
    public static void EvaluateBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dz, ReadOnlySpan<float> gamma, ReadOnlySpan<float> runningMean,
        ReadOnlySpan<float> runningVariance, Span<float> gradientGamma, Span<float> gradientBeta, Span<float> dx)
    {
        int channels = gamma.Length, positions = x.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            float inverse = 1f / MathF.Sqrt(runningVariance[c] + Epsilon), mean = runningMean[c];
            int at = c * positions;
            float sumDz = 0f, sumDzX = 0f;
            for (int p = 0; p < positions; p++)
            {
                float d = dz[at + p];
                sumDz += d;
                sumDzX += d * (x[at + p] - mean) * inverse;
                if (!dx.IsEmpty) dx[at + p] += d * gamma[c] * inverse;
            }
            gradientGamma[c] += sumDzX;
            gradientBeta[c] += sumDz;
        }
    }

    /// <summary>y = x·scale + shift.</summary>
    private static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        TensorPrimitives.Multiply(x, scale, y);
        TensorPrimitives.Add(y, shift, y);
    }
}
