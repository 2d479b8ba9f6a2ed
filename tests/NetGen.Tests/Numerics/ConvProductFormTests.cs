using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// ConvKernels' forward products against the convolution summed directly in double precision, on shapes that take
/// each of its product forms: one sample whose positions are not a multiple of 16 with 16 or 32 output channels (the
/// transposed product), the same with other channel counts (the direct product), and batches whose samples are
/// unfolded in groups (Conv2 of the Fashion-MNIST CNN: groups of 8 samples, 1,568 columns).
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ConvProductFormTests
{
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes() => new()
    {
        // in channels, height, width, out channels, kernel, stride, dilation, padding, batch
        { 16, 1, 31, 16, 3, 1, 8, 0, 1 }, // a Conv1D window of 31 steps, dilation 8 (causal padding comes next)
        { 1, 1, 31, 16, 3, 1, 1, 0, 1 },
        { 16, 14, 14, 32, 3, 1, 1, 1, 1 }, // Conv2 of the Fashion-MNIST CNN, one sample: 196 positions
        { 3, 9, 9, 16, 3, 2, 1, 1, 1 }, // 25 positions, stride 2
        { 4, 7, 7, 8, 3, 1, 1, 1, 1 }, // 8 channels: the direct product
        { 16, 14, 14, 32, 3, 1, 1, 1, 32 }, // Conv2 over a batch of 32
        { 16, 14, 14, 32, 3, 1, 1, 1, 7 }, // a batch that leaves a partial group
        { 1, 28, 28, 16, 3, 1, 1, 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardEqualsTheDirectSum(int inChannels, int height, int width, int outChannels, int kernel, int stride, int dilation, int padding, int batch)
    {
        int kernelHeight = height == 1 ? 1 : kernel, padTop = height == 1 ? 0 : padding;
        int outHeight = (height + 2 * padTop - dilation * (kernelHeight - 1) - 1) / stride + 1;
        int outWidth = (width + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        var g = new WindowGeometry(inChannels, height, width, outChannels, kernelHeight, kernel, stride, stride, dilation, dilation, padTop, padding, outHeight, outWidth);
        var random = new Random(inChannels * 1000 + width * 10 + batch);
        float[] x = Uniform(random, batch * g.InputSize), w = Uniform(random, outChannels * g.Patch), b = Uniform(random, outChannels);
        float[] z = new float[batch * g.OutputSize], columns = new float[batch * g.ColumnsSize];

        ConvKernels.ForwardBatch(x, w, b, z, columns, batch, g);

        for (int s = 0; s < batch; s++)
            for (int o = 0; o < outChannels; o++)
                for (int i = 0; i < outHeight; i++)
                    for (int j = 0; j < outWidth; j++)
                    {
                        double sum = b[o], magnitude = Math.Abs(b[o]);
                        for (int c = 0; c < inChannels; c++)
                            for (int kh = 0; kh < kernelHeight; kh++)
                                for (int kw = 0; kw < kernel; kw++)
                                {
                                    int row = i * stride - padTop + kh * dilation, column = j * stride - padding + kw * dilation;
                                    if (row < 0 || row >= height || column < 0 || column >= width) continue;
                                    double term = (double)w[((o * inChannels + c) * kernelHeight + kh) * kernel + kw] * x[s * g.InputSize + (c * height + row) * width + column];
                                    sum += term;
                                    magnitude += Math.Abs(term);
                                }
                        float actual = z[s * g.OutputSize + (o * outHeight + i) * outWidth + j];
                        Assert.True(Math.Abs(actual - sum) <= 1e-6 * magnitude + 1e-7, $"sample {s}, channel {o}, ({i}, {j}): expected {sum}, got {actual}");
                    }
    }

    private static float[] Uniform(Random random, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) values[i] = 2 * random.NextSingle() - 1;
        return values;
    }
}
