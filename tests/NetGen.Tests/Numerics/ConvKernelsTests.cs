using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <see cref="ConvKernels"/> against torch.nn.Conv1d/Conv2d's definition written out in double precision:
/// <code>
///     z[o, i, j] = b[o] + Σ_c,kh,kw W[o, c, kh, kw]·x[c, i·s_h − pad_top + kh·d_h, j·s_w − pad_left + kw·d_w]   (x = 0 outside)
/// </code>
/// and its adjoint for the gradients, over 1D and 2D geometries with every stride, dilation and padding the layers use
/// (symmetric, 'same' with an uneven total, causal), 1×1 kernels and windows that read only padding. The batched
/// kernels, which unfold samples in groups, must agree with the reference and with the single-sample ones.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ConvKernelsTests
{
    private const double Tolerance = 1e-4;

    /// <summary>A Conv2d geometry from PyTorch's arguments, with the output size PyTorch computes.</summary>
    internal static WindowGeometry Conv(int inChannels, int height, int width, int outChannels, (int H, int W) kernel, (int H, int W) stride,
        (int H, int W) dilation, (int Top, int Bottom, int Left, int Right) pad)
        => new(inChannels, height, width, outChannels, kernel.H, kernel.W, stride.H, stride.W, dilation.H, dilation.W, pad.Top, pad.Left,
            OutSize(height, kernel.H, stride.H, dilation.H, pad.Top + pad.Bottom), OutSize(width, kernel.W, stride.W, dilation.W, pad.Left + pad.Right));

    /// <summary>A Conv1d geometry: height 1, kernel height 1.</summary>
    internal static WindowGeometry Conv1d(int inChannels, int length, int outChannels, int kernel, int stride, int dilation, int padLeft, int padRight)
        => Conv(inChannels, 1, length, outChannels, (1, kernel), (1, stride), (1, dilation), (0, 0, padLeft, padRight));

    /// <summary>floor((in + pads − d·(k − 1) − 1) / s) + 1.</summary>
    internal static int OutSize(int size, int kernel, int stride, int dilation, int pads) => (size + pads - dilation * (kernel - 1) - 1) / stride + 1;

    /// <summary>padding='same' (stride 1): a total of d·(k − 1), the odd one on the far side, as PyTorch splits it.</summary>
    private static (int Near, int Far) Same(int kernel, int dilation) => (dilation * (kernel - 1) / 2, dilation * (kernel - 1) - dilation * (kernel - 1) / 2);

    public static TheoryData<string> Geometries() => new(Cases.Keys);

    private static readonly System.Collections.Generic.Dictionary<string, WindowGeometry> Cases = new()
    {
        ["2D 3x3 pad 1"] = Conv(3, 7, 7, 4, (3, 3), (1, 1), (1, 1), (1, 1, 1, 1)),
        ["2D non-square kernel, stride (2, 1)"] = Conv(2, 8, 9, 3, (3, 2), (2, 1), (1, 1), (0, 0, 0, 0)),
        ["2D stride 3 pad 1"] = Conv(3, 10, 11, 5, (3, 3), (3, 3), (1, 1), (1, 1, 1, 1)),
        ["2D stride 2 pad 2 non-square input"] = Conv(2, 9, 6, 3, (5, 3), (2, 2), (1, 1), (2, 2, 2, 2)),
        ["2D dilation 2 pad 2"] = Conv(2, 9, 9, 3, (3, 3), (1, 1), (2, 2), (2, 2, 2, 2)),
        ["2D dilation (2, 1) stride 2"] = Conv(3, 11, 10, 2, (3, 3), (2, 2), (2, 1), (1, 1, 0, 0)),
        ["2D same, even kernel"] = Conv(2, 6, 7, 3, (4, 4), (1, 1), (1, 1), (1, 2, 1, 2)),
        ["2D same, dilation 2"] = Conv(3, 5, 8, 2, (3, 2), (1, 1), (2, 2), (Same(3, 2).Near, Same(3, 2).Far, Same(2, 2).Near, Same(2, 2).Far)),
        ["2D 1x1"] = Conv(5, 4, 6, 7, (1, 1), (1, 1), (1, 1), (0, 0, 0, 0)),
        ["2D 1x1 stride 2"] = Conv(3, 5, 5, 2, (1, 1), (2, 2), (1, 1), (0, 0, 0, 0)),
        ["2D 1x1 pad 1"] = Conv(2, 3, 4, 3, (1, 1), (1, 1), (1, 1), (1, 1, 1, 1)),
        ["2D wide enough for the product's tiles"] = Conv(8, 12, 12, 16, (3, 3), (1, 1), (1, 1), (1, 1, 1, 1)),
        ["2D 5x3 pad (2, 1) stride (1, 2)"] = Conv(4, 10, 13, 6, (5, 3), (1, 2), (1, 1), (2, 2, 1, 1)),
        ["2D kernel larger than the input"] = Conv(2, 3, 2, 3, (5, 4), (1, 1), (1, 1), (2, 2, 2, 2)),
        ["1D k5 pad 2"] = Conv1d(3, 17, 4, 5, 1, 1, 2, 2),
        ["1D causal k3 d2"] = Conv1d(2, 12, 3, 3, 1, 2, 4, 0),
        ["1D causal k4"] = Conv1d(4, 9, 5, 4, 1, 1, 3, 0),
        ["1D stride 2 dilation 2 pad 1"] = Conv1d(4, 20, 2, 3, 2, 2, 1, 1),
        ["1D stride 3"] = Conv1d(3, 23, 3, 4, 3, 1, 0, 0),
        ["1D same k6"] = Conv1d(2, 15, 3, 6, 1, 1, Same(6, 1).Near, Same(6, 1).Far),
        ["1D 1x1"] = Conv1d(6, 10, 4, 1, 1, 1, 0, 0),
        ["1D taps that read only padding"] = Conv1d(2, 2, 3, 1, 1, 1, 2, 2),
        ["1D long"] = Conv1d(5, 300, 8, 3, 1, 1, 1, 1),
    };

    private static double Input(float[] x, in WindowGeometry g, int c, int row, int column)
        => row < 0 || row >= g.InHeight || column < 0 || column >= g.InWidth ? 0.0 : x[(c * g.InHeight + row) * g.InWidth + column];

    /// <summary>The definition, in double.</summary>
    private static double[] ReferenceForward(float[] x, float[] w, float[] b, WindowGeometry g)
    {
        var z = new double[g.OutputSize];
        for (int o = 0; o < g.OutChannels; o++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++)
                {
                    double sum = b[o];
                    for (int c = 0; c < g.InChannels; c++)
                        for (int kh = 0; kh < g.KernelHeight; kh++)
                            for (int kw = 0; kw < g.KernelWidth; kw++)
                                sum += w[((o * g.InChannels + c) * g.KernelHeight + kh) * g.KernelWidth + kw]
                                    * Input(x, g, c, i * g.StrideHeight - g.PadTop + kh * g.DilationHeight, j * g.StrideWidth - g.PadLeft + kw * g.DilationWidth);
                    z[(o * g.OutHeight + i) * g.OutWidth + j] = sum;
                }
        return z;
    }

    /// <summary>The adjoint of the definition: ∂L/∂W, ∂L/∂b and ∂L/∂x from δ = ∂L/∂z, added to the given starting values.</summary>
    private static (double[] Gw, double[] Gb, double[] Dx) ReferenceBackward(float[] x, float[] w, float[] d, WindowGeometry g,
        float[] gw0, float[] gb0, float[] dx0)
    {
        double[] gw = Array.ConvertAll(gw0, v => (double)v), gb = Array.ConvertAll(gb0, v => (double)v), dx = Array.ConvertAll(dx0, v => (double)v);
        for (int o = 0; o < g.OutChannels; o++)
            for (int i = 0; i < g.OutHeight; i++)
                for (int j = 0; j < g.OutWidth; j++)
                {
                    double delta = d[(o * g.OutHeight + i) * g.OutWidth + j];
                    gb[o] += delta;
                    for (int c = 0; c < g.InChannels; c++)
                        for (int kh = 0; kh < g.KernelHeight; kh++)
                            for (int kw = 0; kw < g.KernelWidth; kw++)
                            {
                                int row = i * g.StrideHeight - g.PadTop + kh * g.DilationHeight, column = j * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                                int weight = ((o * g.InChannels + c) * g.KernelHeight + kh) * g.KernelWidth + kw;
                                gw[weight] += delta * Input(x, g, c, row, column);
                                if (row >= 0 && row < g.InHeight && column >= 0 && column < g.InWidth)
                                    dx[(c * g.InHeight + row) * g.InWidth + column] += delta * w[weight];
                            }
                }
        return (gw, gb, dx);
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {actual[i]} vs {expected[i]}");
    }

    private static float[] Weights(in WindowGeometry g, int seed) => TestData.Uniform(g.OutChannels * g.Patch, seed);

    [Fact]
    public void TheGeometriesAreTheOnesPyTorchGives()
    {
        // nn.Conv2d(3, 5, 3, stride=3, padding=1) on 10×11 gives 4×4; nn.Conv1d(2, 3, 3, dilation=2, padding=4) trimmed causally gives 12.
        Assert.Equal((4, 4), (Cases["2D stride 3 pad 1"].OutHeight, Cases["2D stride 3 pad 1"].OutWidth));
        Assert.Equal(12, Cases["1D causal k3 d2"].OutWidth);
        Assert.Equal((6, 7), (Cases["2D same, even kernel"].OutHeight, Cases["2D same, even kernel"].OutWidth));
        Assert.Equal(6, Cases["1D taps that read only padding"].OutWidth);
        foreach (WindowGeometry g in Cases.Values) g.Validate();
    }

    [Fact]
    public void TheSizesFollowFromTheGeometry()
    {
        WindowGeometry g = Cases["2D 5x3 pad (2, 1) stride (1, 2)"];
        Assert.Equal(4 * 10 * 13, g.InputSize);
        Assert.Equal(6 * g.OutHeight * g.OutWidth, g.OutputSize);
        Assert.Equal(g.OutHeight * g.OutWidth, g.Positions);
        Assert.Equal(4 * 5 * 3, g.Patch);
        Assert.Equal(g.Patch * g.Positions, g.ColumnsSize);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void ForwardMatchesTheDefinition(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(g.InputSize, 1), w = Weights(g, 2), b = TestData.Uniform(g.OutChannels, 3);
        float[] z = TestData.Uniform(g.OutputSize, 4), columns = TestData.Uniform(g.ColumnsSize, 5); // whatever was there must not leak in
        ConvKernels.Forward(x, w, b, z, columns, g);
        AssertClose(ReferenceForward(x, w, b, g), z, "z");
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void BackwardMatchesTheAdjointAndAccumulates(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(g.InputSize, 1), w = Weights(g, 2), b = TestData.Uniform(g.OutChannels, 3), d = TestData.Uniform(g.OutputSize, 6);
        float[] z = new float[g.OutputSize], columns = new float[g.ColumnsSize], dcolumns = TestData.Uniform(g.ColumnsSize, 7);
        float[] gw = TestData.Uniform(w.Length, 8), gb = TestData.Uniform(b.Length, 9), dx = TestData.Uniform(x.Length, 10);
        (double[] expectedGw, double[] expectedGb, double[] expectedDx) = ReferenceBackward(x, w, d, g, gw, gb, dx);
        ConvKernels.Forward(x, w, b, z, columns, g);
        ConvKernels.Backward(columns, w, d, gw, gb, dx, dcolumns, g);
        AssertClose(expectedGw, gw, "gw");
        AssertClose(expectedGb, gb, "gb");
        AssertClose(expectedDx, dx, "dx");
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void BackwardWithoutAnInputGradientNeedsNoWorkspace(string geometry)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(g.InputSize, 1), w = Weights(g, 2), b = TestData.Uniform(g.OutChannels, 3), d = TestData.Uniform(g.OutputSize, 6);
        float[] z = new float[g.OutputSize], columns = new float[g.ColumnsSize], gw = new float[w.Length], gb = new float[b.Length];
        (double[] expectedGw, double[] expectedGb, _) = ReferenceBackward(x, w, d, g, gw, gb, new float[x.Length]);
        ConvKernels.Forward(x, w, b, z, columns, g);
        ConvKernels.Backward(columns, w, d, gw, gb, Span<float>.Empty, Span<float>.Empty, g);
        AssertClose(expectedGw, gw, "gw");
        AssertClose(expectedGb, gb, "gb");
    }

    public static TheoryData<string, int> BatchCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string geometry in Cases.Keys)
            foreach (int batch in new[] { 2, 13 })
                cases.Add(geometry, batch);
        cases.Add("2D 3x3 pad 1", 1);
        cases.Add("2D 3x3 pad 1", 47); // groups of 20 samples (1024 columns / 49 positions), the last one short
        cases.Add("1D taps that read only padding", 200);
        cases.Add("2D 1x1", 40);
        return cases;
    }

    [Theory]
    [MemberData(nameof(BatchCases))]
    public void BatchesMatchTheDefinitionAndTheSingleSampleKernels(string geometry, int batch)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(batch * g.InputSize, 11), w = Weights(g, 12), b = TestData.Uniform(g.OutChannels, 13);
        float[] d = TestData.Uniform(batch * g.OutputSize, 14);
        float[] z = TestData.Uniform(batch * g.OutputSize, 15), columns = TestData.Uniform(batch * g.ColumnsSize, 16);
        float[] dcolumns = TestData.Uniform(batch * g.ColumnsSize, 17);
        float[] gw = TestData.Uniform(w.Length, 18), gb = TestData.Uniform(b.Length, 19), dx = TestData.Uniform(x.Length, 20);
        float[] singleGw = (float[])gw.Clone(), singleGb = (float[])gb.Clone(), singleDx = (float[])dx.Clone();
        double[] expectedGw = Array.ConvertAll(gw, v => (double)v), expectedGb = Array.ConvertAll(gb, v => (double)v);

        ConvKernels.ForwardBatch(x, w, b, z, columns, batch, g);
        ConvKernels.BackwardBatch(columns, w, d, gw, gb, dx, dcolumns, batch, g);

        float[] singleZ = new float[g.OutputSize], singleColumns = new float[g.ColumnsSize], singleDColumns = new float[g.ColumnsSize];
        for (int s = 0; s < batch; s++)
        {
            float[] sampleX = x.AsSpan(s * g.InputSize, g.InputSize).ToArray(), sampleD = d.AsSpan(s * g.OutputSize, g.OutputSize).ToArray();
            float[] sampleDx = dx.AsSpan(s * g.InputSize, g.InputSize).ToArray();
            AssertClose(ReferenceForward(sampleX, w, b, g), z.AsSpan(s * g.OutputSize, g.OutputSize), $"sample {s} z");
            ConvKernels.Forward(sampleX, w, b, singleZ, singleColumns, g);
            AssertClose(singleZ, z.AsSpan(s * g.OutputSize, g.OutputSize), $"sample {s} z against Forward");
            (double[] sampleGw, double[] sampleGb, double[] expectedDx) = ReferenceBackward(sampleX, w, sampleD, g, new float[w.Length], new float[b.Length],
                singleDx.AsSpan(s * g.InputSize, g.InputSize).ToArray());
            for (int i = 0; i < w.Length; i++) expectedGw[i] += sampleGw[i];
            for (int i = 0; i < b.Length; i++) expectedGb[i] += sampleGb[i];
            AssertClose(expectedDx, sampleDx, $"sample {s} dx");
            ConvKernels.Backward(singleColumns, w, sampleD, singleGw, singleGb, singleDx.AsSpan(s * g.InputSize, g.InputSize), singleDColumns, g);
        }
        AssertClose(expectedGw, gw, "gw");
        AssertClose(expectedGb, gb, "gb");
        AssertClose(singleGw, gw, "gw against Backward");
        AssertClose(singleGb, gb, "gb against Backward");
        AssertClose(singleDx, dx, "dx against Backward");
    }

    [Theory]
    [InlineData("2D 3x3 pad 1", 13)]
    [InlineData("1D causal k4", 30)]
    public void ABatchWithoutAnInputGradientStillSumsTheWeightGradient(string geometry, int batch)
    {
        WindowGeometry g = Cases[geometry];
        float[] x = TestData.Uniform(batch * g.InputSize, 21), w = Weights(g, 22), b = TestData.Uniform(g.OutChannels, 23);
        float[] d = TestData.Uniform(batch * g.OutputSize, 24), z = new float[batch * g.OutputSize], columns = new float[batch * g.ColumnsSize];
        float[] gw = new float[w.Length], gb = new float[b.Length];
        double[] expectedGw = new double[w.Length], expectedGb = new double[b.Length];
        for (int s = 0; s < batch; s++)
        {
            (double[] sampleGw, double[] sampleGb, _) = ReferenceBackward(x.AsSpan(s * g.InputSize, g.InputSize).ToArray(), w,
                d.AsSpan(s * g.OutputSize, g.OutputSize).ToArray(), g, new float[w.Length], new float[b.Length], new float[g.InputSize]);
            for (int i = 0; i < w.Length; i++) expectedGw[i] += sampleGw[i];
            for (int i = 0; i < b.Length; i++) expectedGb[i] += sampleGb[i];
        }
        ConvKernels.ForwardBatch(x, w, b, z, columns, batch, g);
        ConvKernels.BackwardBatch(columns, w, d, gw, gb, Span<float>.Empty, new float[batch * g.ColumnsSize], batch, g);
        AssertClose(expectedGw, gw, "gw");
        AssertClose(expectedGb, gb, "gb");
    }

    [Fact]
    public void AnEmptyBatchDoesNothing()
    {
        WindowGeometry g = Cases["2D 3x3 pad 1"];
        float[] w = Weights(g, 1), gw = new float[w.Length];
        ConvKernels.ForwardBatch([], w, new float[g.OutChannels], [], [], 0, g);
        ConvKernels.BackwardBatch([], w, [], gw, new float[g.OutChannels], [], [], 0, g);
        Assert.All(gw, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void NoCallAllocatesAfterWarmUp()
    {
        foreach ((WindowGeometry g, int batch) in new[] { (Cases["2D 3x3 pad 1"], 13), (Cases["1D long"], 3), (Cases["2D 1x1"], 5), (Cases["2D 1x1"], 1) })
        {
            float[] x = TestData.Uniform(batch * g.InputSize, 1), w = Weights(g, 2), b = TestData.Uniform(g.OutChannels, 3);
            float[] d = TestData.Uniform(batch * g.OutputSize, 4), z = new float[batch * g.OutputSize];
            float[] columns = new float[batch * g.ColumnsSize], dcolumns = new float[batch * g.ColumnsSize];
            float[] gw = new float[w.Length], gb = new float[b.Length], dx = new float[x.Length];
            void Step()
            {
                ConvKernels.ForwardBatch(x, w, b, z, columns, batch, g);
                ConvKernels.BackwardBatch(columns, w, d, gw, gb, dx, dcolumns, batch, g);
                ConvKernels.Forward(x, w, b, z, columns, g);
                ConvKernels.Backward(columns, w, d, gw, gb, dx, dcolumns, g);
            }
            Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) Step();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void ShortSpansAndBadGeometriesThrow()
    {
        WindowGeometry g = Cases["2D 3x3 pad 1"];
        int input = g.InputSize, output = g.OutputSize, weights = g.OutChannels * g.Patch, bias = g.OutChannels, columns = g.ColumnsSize;
        void Forward(int x, int w, int b, int z, int c) => ConvKernels.Forward(new float[x], new float[w], new float[b], new float[z], new float[c], g);
        AssertExpects(() => Forward(input - 1, weights, bias, output, columns), "x", $"at least {input} values");
        AssertExpects(() => Forward(input, weights - 1, bias, output, columns), "w", $"at least {weights} values");
        AssertExpects(() => Forward(input, weights, bias - 1, output, columns), "b", $"at least {bias} values");
        AssertExpects(() => Forward(input, weights, bias, output - 1, columns), "z", $"at least {output} values");
        AssertExpects(() => Forward(input, weights, bias, output, columns - 1), "columns", $"at least {columns} values");

        void Backward(int c, int w, int d, int gw, int gb, int dx, int dc)
            => ConvKernels.Backward(new float[c], new float[w], new float[d], new float[gw], new float[gb], new float[dx], new float[dc], g);
        AssertExpects(() => Backward(columns - 1, weights, output, weights, bias, input, columns), "columns", $"at least {columns} values");
        AssertExpects(() => Backward(columns, weights - 1, output, weights, bias, input, columns), "w", $"at least {weights} values");
        AssertExpects(() => Backward(columns, weights, output - 1, weights, bias, input, columns), "d", $"at least {output} values");
        AssertExpects(() => Backward(columns, weights, output, weights - 1, bias, input, columns), "gw", $"at least {weights} values");
        AssertExpects(() => Backward(columns, weights, output, weights, bias - 1, input, columns), "gb", $"at least {bias} values");
        AssertExpects(() => Backward(columns, weights, output, weights, bias, input - 1, columns), "dx", $"at least {input} values");
        AssertExpects(() => Backward(columns, weights, output, weights, bias, input, columns - 1), "dcolumns", $"at least {columns} values");

        const int batch = 3;
        AssertExpects(() => ConvKernels.ForwardBatch(new float[batch * input], new float[weights], new float[bias], new float[batch * output],
            new float[batch * columns - 1], batch, g), "columns", $"at least {batch * columns} values");
        AssertExpects(() => ConvKernels.BackwardBatch(new float[batch * columns], new float[weights], new float[batch * output], new float[weights],
            new float[bias], [], new float[batch * columns - 1], batch, g), "dcolumns", $"at least {batch * columns} values");
        Assert.Throws<ArgumentOutOfRangeException>("batch", () => ConvKernels.ForwardBatch([], new float[weights], new float[bias], [], [], -1, g));

        Assert.Throws<ArgumentException>("StrideWidth", () => ForwardWith(g with { StrideWidth = 0 }));
        Assert.Throws<ArgumentException>("PadTop", () => ForwardWith(g with { PadTop = -1 }));
        Assert.Throws<ArgumentException>("OutHeight", () => (g with { OutHeight = 0 }).Validate());
        Assert.Throws<ArgumentException>("InChannels", () => (g with { InChannels = 1 << 16, InHeight = 1 << 16 }).Validate());

        void ForwardWith(WindowGeometry bad) => ConvKernels.Forward(new float[input], new float[weights], new float[bias], new float[output], new float[columns], bad);
    }

    internal static void AssertExpects(Action call, string parameter, string expected)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(expected, e.Message);
    }
}
