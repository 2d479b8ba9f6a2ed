using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Max pooling's kernels against PyTorch's rules written out plainly (scan rows then columns, take a value that is
/// greater or NaN, route the gradient to the first position equal to the maximum or to the last NaN), bit for bit:
/// on windows wholly inside the input (the unclipped path, and MaxPool2d(2)'s vector path for every row width from 1
/// to 19, so that overlapping last blocks and narrow rows are covered) and on windows clipped by padding, with ties,
/// signed zeros, infinities and NaNs in the input.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class MaxPoolBitExactTests
{
    public static TheoryData<int, int, int, int, int, int, int> Geometries()
    {
        var data = new TheoryData<int, int, int, int, int, int, int>();
        for (int width = 2; width <= 38; width += 2) data.Add(3, 6, width, 2, 2, 1, 0); // MaxPool2d(2), outputs 1..19 wide
        data.Add(2, 7, 9, 2, 2, 1, 0); // odd sizes: the last row and column are never read
        data.Add(2, 9, 9, 3, 3, 1, 0);
        data.Add(2, 9, 10, 3, 2, 1, 0); // overlapping windows
        data.Add(2, 9, 11, 2, 1, 2, 0); // dilation
        data.Add(2, 8, 8, 3, 2, 1, 1); // padding: the clipped path
        data.Add(1, 5, 6, 2, 2, 1, 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void MaxForwardAndBackwardFollowPyTorchsRules(int channels, int height, int width, int kernel, int stride, int dilation, int padding)
    {
        int outHeight = (height + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        int outWidth = (width + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        var g = new WindowGeometry(channels, height, width, channels, kernel, kernel, stride, stride, dilation, dilation, padding, padding, outHeight, outWidth);
        var random = new Random(height * 1000 + width * 10 + kernel);
        float[] x = new float[g.InputSize];
        for (int i = 0; i < x.Length; i++)
        {
            // Few distinct values, so that windows hold ties, and some special ones.
            x[i] = random.Next(12) switch
            {
                0 => float.NaN,
                1 => -0f,
                2 => 0f,
                3 => float.NegativeInfinity,
                4 => float.PositiveInfinity,
                _ => random.Next(-3, 4),
            };
        }
        float[] dy = new float[g.OutputSize];
        for (int i = 0; i < dy.Length; i++) dy[i] = random.NextSingle() + 0.5f;

        float[] y = new float[g.OutputSize], expectedY = new float[g.OutputSize];
        PoolKernels.MaxForward(x, y, g);
        float[] dx = new float[g.InputSize], expectedDx = new float[g.InputSize];
        PoolKernels.MaxBackward(x, y, dy, dx, g);
        Reference(x, dy, expectedY, expectedDx, g);

        for (int i = 0; i < y.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expectedY[i]) == BitConverter.SingleToInt32Bits(y[i]), $"y[{i}]: expected {expectedY[i]}, got {y[i]}");
        for (int i = 0; i < dx.Length; i++)
            Assert.True(expectedDx[i] == dx[i], $"dx[{i}]: expected {expectedDx[i]}, got {dx[i]}");
    }

    /// <summary>PyTorch's CPU max pooling, one window at a time: padding skipped, "greater or NaN" wins, the gradient to the recorded position.</summary>
    private static void Reference(float[] x, float[] dy, float[] y, float[] dx, WindowGeometry g)
    {
        int at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    float max = float.NegativeInfinity;
                    int source = -1;
                    for (int kh = 0; kh < g.KernelHeight; kh++)
                        for (int kw = 0; kw < g.KernelWidth; kw++)
                        {
                            int row = i * g.StrideHeight - g.PadTop + kh * g.DilationHeight, column = j * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                            if (row < 0 || row >= g.InHeight || column < 0 || column >= g.InWidth) continue;
                            int index = (c * g.InHeight + row) * g.InWidth + column;
                            float value = x[index];
                            if (value > max || float.IsNaN(value) || source < 0 && value == max)
                            {
                                if (source < 0 || value > max || float.IsNaN(value)) source = index;
                                max = value;
                            }
                        }
                    y[at] = max;
                    if (source >= 0) dx[source] += dy[at];
                }
    }
}
