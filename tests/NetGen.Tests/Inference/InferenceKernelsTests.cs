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
}
