using System;
using System.Collections.Generic;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <see cref="PoolKernels"/> against torch.nn.MaxPool2d/AvgPool2d written out in double precision from their
/// definitions, as PyTorch's CPU kernel computes them: max pooling keeps the first maximum of a window scanned row by
/// row (and moves to every NaN it meets), padding counts as −∞; average pooling divides by the whole kernel
/// (count_include_pad=True). Over 1D and 2D geometries with strides, dilations and padding.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class PoolKernelsTests
{
    private const double Tolerance = 1e-5;

    private static WindowGeometry Pool(int channels, int height, int width, (int H, int W) kernel, (int H, int W) stride, (int H, int W) pad,
        (int H, int W) dilation = default)
    {
        (int dh, int dw) = dilation == default ? (1, 1) : dilation;
        return ConvKernelsTests.Conv(channels, height, width, channels, kernel, stride, (dh, dw), (pad.H, pad.H, pad.W, pad.W));
    }

    private static readonly Dictionary<string, WindowGeometry> Cases = new()
    {
        ["2x2 stride 2"] = Pool(3, 8, 8, (2, 2), (2, 2), (0, 0)),
        ["2x2 stride 2, odd input"] = Pool(2, 7, 9, (2, 2), (2, 2), (0, 0)),
        ["3x3 stride 2 pad 1"] = Pool(2, 9, 8, (3, 3), (2, 2), (1, 1)),
        ["3x3 stride 1 pad 1 (overlapping)"] = Pool(2, 6, 5, (3, 3), (1, 1), (1, 1)),
        ["3x2 stride (1, 2) pad (1, 1)"] = Pool(3, 7, 6, (3, 2), (1, 2), (1, 1)),
        ["3x3 dilation 2 pad 2"] = Pool(2, 9, 10, (3, 3), (1, 2), (2, 2), (2, 2)),
        ["1D k3 stride 2"] = Pool(4, 1, 17, (1, 3), (1, 2), (0, 0)),
        ["1D k4 stride 1 pad 2"] = Pool(3, 1, 11, (1, 4), (1, 1), (0, 2)),
        ["1D k2 dilation 3 pad 1"] = Pool(2, 1, 12, (1, 2), (1, 2), (0, 1), (1, 3)),
    };

    public static TheoryData<string> Geometries() => new(Cases.Keys);

    /// <summary>The taps of window (i, j) inside the input, row by row, as input indices.</summary>
    private static IEnumerable<int> Window(in WindowGeometry g, int c, int i, int j)
    {
        var taps = new List<int>();
        for (int kh = 0; kh < g.KernelHeight; kh++)
            for (int kw = 0; kw < g.KernelWidth; kw++)
            {
                int row = i * g.StrideHeight - g.PadTop + kh * g.DilationHeight, column = j * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                if (row >= 0 && row < g.InHeight && column >= 0 && column < g.InWidth) taps.Add((c * g.InHeight + row) * g.InWidth + column);
            }
        return taps;
    }

    /// <summary>MaxPool2d's CPU loop: maxval = −∞, and the index moves on <c>val &gt; maxval || isnan(val)</c>.</summary>
    private static (double[] Y, int[] Source) ReferenceMax(float[] x, WindowGeometry g)
    {
        var y = new double[g.OutputSize];
        var source = new int[g.OutputSize];
        int at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    double max = double.NegativeInfinity;
                    int index = -1;
                    foreach (int tap in Window(g, c, i, j))
                    {
                        if (index < 0) index = tap;
                        if (x[tap] > max || double.IsNaN(x[tap])) (max, index) = (x[tap], tap);
                    }
                    (y[at], source[at]) = (max, index);
                }
        return (y, source);
    }

    private static double[] ReferenceAverage(float[] x, WindowGeometry g)
    {
        var y = new double[g.OutputSize];
        int at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++, at++)
                {
                    double sum = 0;
                    foreach (int tap in Window(g, c, i, j)) sum += x[tap];
                    y[at] = sum / (g.KernelHeight * g.KernelWidth);
                }
        return y;
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals((double)actual[i]) || Math.Abs(actual[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }

    private static void MaxMatchesPyTorch(float[] x, WindowGeometry g)
    {
        (double[] expectedY, int[] source) = ReferenceMax(x, g);
        float[] y = TestData.Uniform(g.OutputSize, 2), dy = TestData.Uniform(g.OutputSize, 3), dx = TestData.Uniform(g.InputSize, 4);
        double[] expectedDx = Array.ConvertAll(dx, v => (double)v);
        for (int k = 0; k < source.Length; k++)
            if (source[k] >= 0) expectedDx[source[k]] += dy[k];
        PoolKernels.MaxForward(x, y, g);
        AssertClose(expectedY, y, "y");
        PoolKernels.MaxBackward(x, y, dy, dx, g);
        AssertClose(expectedDx, dx, "dx");
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void MaxMatchesTheDefinition(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        MaxMatchesPyTorch(TestData.Uniform(g.InputSize, 1), g);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void MaxRoutesTiesToTheFirstPositionOfTheWindow(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        // Three values only, with ±0 among them: most windows hold their maximum more than once.
        float[] x = Array.ConvertAll(TestData.Uniform(g.InputSize, 5), v => v < -0.5f ? -1f : v < 0f ? -0f : v < 0.5f ? 0f : 1f);
        MaxMatchesPyTorch(x, g);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void PaddingNeverWinsAMax(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = Array.ConvertAll(TestData.Uniform(g.InputSize, 6), v => -2f - Math.Abs(v)); // all below the 0 that zero padding would give
        float[] y = new float[g.OutputSize];
        PoolKernels.MaxForward(x, y, g);
        Assert.All(y, v => Assert.True(v <= -2f, $"{v}"));
        MaxMatchesPyTorch(x, g);
    }

    [Fact]
    public void NaNWinsAMaxAndTakesItsGradient()
    {
        WindowGeometry g = Cases["3x3 stride 1 pad 1 (overlapping)"];
        float[] x = TestData.Uniform(g.InputSize, 7);
        x[7] = float.NaN;
        x[8] = float.NaN;
        x[20] = float.NegativeInfinity;
        MaxMatchesPyTorch(x, g);
        float[] y = new float[g.OutputSize];
        PoolKernels.MaxForward(x, y, g);
        Assert.True(float.IsNaN(y[7]) && float.IsNaN(y[8]) && float.IsNaN(y[2]));
    }

    [Fact]
    public void AWindowOfMinusInfinityRoutesToItsFirstPosition()
    {
        WindowGeometry g = Cases["2x2 stride 2"];
        float[] x = TestData.Uniform(g.InputSize, 8);
        x[0] = x[1] = x[8] = x[9] = float.NegativeInfinity; // the first window of channel 0
        float[] y = new float[g.OutputSize], dx = new float[g.InputSize], dy = new float[g.OutputSize];
        dy[0] = 1f;
        PoolKernels.MaxForward(x, y, g);
        PoolKernels.MaxBackward(x, y, dy, dx, g);
        Assert.Equal(float.NegativeInfinity, y[0]);
        Assert.Equal(1f, dx[0]);
        MaxMatchesPyTorch(x, g);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void AverageDividesByTheWholeKernelAndSpreadsTheGradientBack(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(g.InputSize, 9), y = TestData.Uniform(g.OutputSize, 10);
        float[] dy = TestData.Uniform(g.OutputSize, 11), dx = TestData.Uniform(g.InputSize, 12);
        double[] expectedDx = Array.ConvertAll(dx, v => (double)v);
        int at = 0;
        for (int c = 0; c < g.InChannels; c++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++, at++)
                    foreach (int tap in Window(g, c, i, j)) expectedDx[tap] += (double)dy[at] / (g.KernelHeight * g.KernelWidth);
        PoolKernels.AverageForward(x, y, g);
        AssertClose(ReferenceAverage(x, g), y, "y");
        PoolKernels.AverageBackward(dy, dx, g);
        AssertClose(expectedDx, dx, "dx");
    }

    [Fact]
    public void AverageCountsPadding()
    {
        // AvgPool2d(3, stride=1, padding=1) on a 2×2 map of ones: each window holds four ones and five zeros of padding.
        WindowGeometry g = Pool(1, 2, 2, (3, 3), (1, 1), (1, 1));
        float[] y = new float[4];
        PoolKernels.AverageForward([1f, 1f, 1f, 1f], y, g);
        Assert.All(y, v => Assert.Equal(4f / 9f, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 49)]
    [InlineData(5, 37)]
    [InlineData(2, 300)]
    public void GlobalAverageIsTheMeanOfEachChannel(int channels, int positions)
    {
        float[] x = TestData.Uniform(channels * positions, 13), y = new float[channels];
        float[] dy = TestData.Uniform(channels, 14), dx = TestData.Uniform(channels * positions, 15);
        double[] expectedY = new double[channels], expectedDx = Array.ConvertAll(dx, v => (double)v);
        for (int c = 0; c < channels; c++)
            for (int p = 0; p < positions; p++)
            {
                expectedY[c] += (double)x[c * positions + p] / positions;
                expectedDx[c * positions + p] += (double)dy[c] / positions;
            }
        PoolKernels.GlobalAverageForward(x, y, channels, positions);
        AssertClose(expectedY, y, "y");
        PoolKernels.GlobalAverageBackward(dy, dx, channels, positions);
        AssertClose(expectedDx, dx, "dx");
    }

    [Fact]
    public void NoCallAllocatesAfterWarmUp()
    {
        WindowGeometry g = Cases["3x3 stride 2 pad 1"];
        float[] x = TestData.Uniform(g.InputSize, 1), y = new float[g.OutputSize], dy = TestData.Uniform(g.OutputSize, 2), dx = new float[g.InputSize];
        void Step()
        {
            PoolKernels.MaxForward(x, y, g);
            PoolKernels.MaxBackward(x, y, dy, dx, g);
            PoolKernels.AverageForward(x, y, g);
            PoolKernels.AverageBackward(dy, dx, g);
            PoolKernels.GlobalAverageForward(x, y, g.InChannels, g.InHeight * g.InWidth);
            PoolKernels.GlobalAverageBackward(dy, dx, g.InChannels, g.InHeight * g.InWidth);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ShortSpansAndBadGeometriesThrow()
    {
        WindowGeometry g = Cases["3x3 stride 2 pad 1"];
        int input = g.InputSize, output = g.OutputSize;
        ConvKernelsTests.AssertExpects(() => PoolKernels.MaxForward(new float[input - 1], new float[output], g), "x", $"at least {input} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.MaxForward(new float[input], new float[output - 1], g), "y", $"at least {output} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.MaxBackward(new float[input], new float[output], new float[output - 1], new float[input], g),
            "dy", $"at least {output} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.MaxBackward(new float[input], new float[output], new float[output], new float[input - 1], g),
            "dx", $"at least {input} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.AverageForward(new float[input - 1], new float[output], g), "x", $"at least {input} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.AverageBackward(new float[output], new float[input - 1], g), "dx", $"at least {input} values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.GlobalAverageForward(new float[11], new float[2], 2, 6), "x", "at least 12 values");
        ConvKernelsTests.AssertExpects(() => PoolKernels.GlobalAverageBackward(new float[1], new float[12], 2, 6), "dy", "at least 2 values");
        Assert.Throws<ArgumentOutOfRangeException>("positions", () => PoolKernels.GlobalAverageForward([], [], 2, 0));
        Assert.Throws<ArgumentException>("g", () => PoolKernels.MaxForward(new float[input], new float[output], g with { OutChannels = 3 }));
        Assert.Throws<ArgumentException>("DilationHeight", () => PoolKernels.AverageForward(new float[input], new float[output], g with { DilationHeight = 0 }));
    }
}
