using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>The broadcast kernel against a double-precision product, over every block width and remainder of inputs.</summary>
[Trait("Category", "Numerical")]
public sealed class InferenceKernelsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(9, 16)]
    [InlineData(17, 20)]
    [InlineData(33, 64)]
    [InlineData(3, 100)]
    [InlineData(31, 128)]
    [InlineData(50, 130)]
    [InlineData(13, 300)]
    public void AffineEqualsTheProduct(int inputs, int outputs)
    {
        float[] weights = TestData.Uniform(outputs * inputs, 1), bias = TestData.Uniform(outputs, 2), x = TestData.Uniform(inputs, 3);
        int stride = InferenceKernels.Stride(outputs);
        Assert.Equal(0, stride % 16);
        var packed = new AlignedBlock((inputs + 1) * stride);
        Span<float> block = packed.Span;
        InferenceKernels.PackDense(weights, bias, block[..(inputs * stride)], block[(inputs * stride)..]);
        float[] z = new float[stride];
        InferenceKernels.Affine(block[..(inputs * stride)], block[(inputs * stride)..], x, z);
        for (int o = 0; o < stride; o++)
        {
            double expected = 0;
            if (o < outputs)
            {
                expected = bias[o];
                for (int k = 0; k < inputs; k++) expected += (double)weights[o * inputs + k] * x[k];
            }
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{o}] = {z[o]}, expected {expected}");
        }
    }

    [Fact]
    public void FoldingEqualsScalingAfterTheProduct()
    {
        const int inputs = 5, outputs = 18;
        float[] weights = TestData.Uniform(outputs * inputs, 4), bias = TestData.Uniform(outputs, 5), x = TestData.Uniform(inputs, 6);
        float[] gamma = TestData.Uniform(outputs, 7), beta = TestData.Uniform(outputs, 8), mean = TestData.Uniform(outputs, 9), variance = new float[outputs];
        for (int i = 0; i < outputs; i++) variance[i] = 0.5f + i * 0.1f;
        int stride = InferenceKernels.Stride(outputs);
        float[] transposed = new float[inputs * stride], packedBias = new float[stride], scale = new float[stride], shift = new float[stride], z = new float[stride];
        InferenceKernels.PackDense(weights, bias, transposed, packedBias);
        InferenceKernels.PackBatchNorm(gamma, beta, mean, variance, scale, shift);
        InferenceKernels.Fold(transposed, packedBias, scale.AsSpan(0, outputs), shift.AsSpan(0, outputs));
        InferenceKernels.Affine(transposed, packedBias, x, z);
        for (int o = 0; o < outputs; o++)
        {
            double y = bias[o];
            for (int k = 0; k < inputs; k++) y += (double)weights[o * inputs + k] * x[k];
            double expected = gamma[o] * (y - mean[o]) / Math.Sqrt(variance[o] + 1e-5) + beta[o];
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{o}] = {z[o]}, expected {expected}");
        }
    }

    /// <summary>
    /// The packed recurrent product over [x; h] gives W_ih·x + b_ih + W_hh·h + b_hh per gate row, except the GRU's n gate,
    /// whose input and hidden parts come out apart (columns [2H, 3H) and [3H, 4H)).
    /// </summary>
    [Theory]
    [InlineData(3, 5, 1, false)]
    [InlineData(8, 32, 4, false)]
    [InlineData(3, 5, 3, true)]
    [InlineData(8, 32, 3, true)]
    public void PackRecurrentStacksTheInputAndHiddenProducts(int inputs, int units, int gates, bool gru)
    {
        int rows = gates * units, columns = gru ? rows + units : rows, stride = InferenceKernels.Stride(columns);
        float[] wi = TestData.Uniform(rows * inputs, 1), wh = TestData.Uniform(rows * units, 2), bi = TestData.Uniform(rows, 3), bh = TestData.Uniform(rows, 4);
        float[] x = TestData.Uniform(inputs, 5), h = TestData.Uniform(units, 6);
        var packed = new AlignedBlock((inputs + units + 1) * stride);
        Span<float> block = packed.Span;
        int weights = (inputs + units) * stride;
        InferenceKernels.PackRecurrent(wi, wh, bi, bh, units, gru, block[..weights], block[weights..]);
        float[] xh = [.. x, .. h], z = new float[stride];
        InferenceKernels.Affine(block[..weights], block[weights..], xh, z);
        for (int c = 0; c < stride; c++)
        {
            double input = 0, hidden = 0;
            int r = gru && c >= rows ? c - units : c; // the hidden n block sits one block further right
            bool inputPart = c < columns && !(gru && c >= rows), hiddenPart = c < columns && !(gru && c >= rows - units && c < rows);
            if (inputPart)
            {
                input = bi[r];
                for (int k = 0; k < inputs; k++) input += (double)wi[r * inputs + k] * x[k];
            }
            if (hiddenPart)
            {
                hidden = bh[r];
                for (int j = 0; j < units; j++) hidden += (double)wh[r * units + j] * h[j];
            }
            double expected = input + hidden;
            Assert.True(Math.Abs(z[c] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{c}] = {z[c]}, expected {expected}");
        }
    }
}
