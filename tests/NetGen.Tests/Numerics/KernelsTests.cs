using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The vector kernels of loop-emitted layers, over every length from 0 to 100 so that each vector width's
/// main loop, unrolled pair and scalar tail are exercised (on this machine's widest instruction set).
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class KernelsTests
{
    [Fact]
    public void DotMatchesADoubleSumForEveryLength()
    {
        float[] a = TestData.Uniform(101, 1), b = TestData.Uniform(120, 2);
        for (int n = 0; n <= 100; n++)
        {
            double expected = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                expected += (double)a[i] * b[i];
                magnitude += Math.Abs((double)a[i] * b[i]);
            }
            float actual = Kernels.Dot(a.AsSpan(0, n), b); // b longer than a: only a's length counts
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * (1 + magnitude), $"n = {n}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void MultiplyAddTouchesExactlyTheDestination()
    {
        float[] x = TestData.Uniform(101, 3);
        for (int n = 0; n <= 100; n++)
        {
            float[] buffer = TestData.Uniform(110, 4), original = (float[])buffer.Clone();
            Kernels.MultiplyAdd(buffer.AsSpan(3, n), x, -0.75f);
            for (int i = 0; i < buffer.Length; i++)
            {
                float expected = i >= 3 && i < 3 + n ? original[i] + -0.75f * x[i - 3] : original[i];
                Assert.True(Math.Abs(buffer[i] - expected) <= 1e-6f, $"n = {n}, element {i}: {buffer[i]} vs {expected}");
            }
        }
    }

    [Fact]
    public void ShortSecondOperandsThrow()
    {
        Assert.Throws<ArgumentException>(() => Kernels.Dot(new float[20], new float[19]));
        Assert.Throws<ArgumentException>(() => Kernels.MultiplyAdd(new float[20], new float[3], 1f));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 15)]
    [InlineData(4, 16)]
    [InlineData(7, 33)]
    [InlineData(9, 64)]
    [InlineData(16, 100)]
    public void BlockedMatrixKernelsMatchNaiveSumsForRowAndColumnTails(int rows, int columns)
    {
        float[] w = TestData.Uniform(rows * columns, 5), x = TestData.Uniform(columns, 6), delta = TestData.Uniform(rows, 7);
        float[] z = TestData.Uniform(rows, 8), dx = TestData.Uniform(columns, 9), gw = TestData.Uniform(rows * columns, 10);
        double[] zExpected = new double[rows], dxExpected = new double[columns], gwExpected = new double[rows * columns];
        for (int o = 0; o < rows; o++)
        {
            zExpected[o] = z[o];
            for (int i = 0; i < columns; i++) zExpected[o] += (double)w[o * columns + i] * x[i];
        }
        for (int i = 0; i < columns; i++)
        {
            dxExpected[i] = dx[i];
            for (int o = 0; o < rows; o++) dxExpected[i] += (double)w[o * columns + i] * delta[o];
        }
        for (int k = 0; k < gw.Length; k++) gwExpected[k] = gw[k] + (double)delta[k / columns] * x[k % columns];

        Kernels.MatrixVectorAdd(w, x, z);
        Kernels.TransposedMatrixVectorAdd(w, delta, dx);
        Kernels.OuterProductAdd(gw, delta, x);

        for (int o = 0; o < rows; o++) Assert.True(Math.Abs(z[o] - zExpected[o]) <= 1e-5 * (1 + Math.Abs(zExpected[o])) * columns, $"z[{o}]");
        for (int i = 0; i < columns; i++) Assert.True(Math.Abs(dx[i] - dxExpected[i]) <= 1e-5 * (1 + Math.Abs(dxExpected[i])) * rows, $"dx[{i}]");
        for (int k = 0; k < gw.Length; k++) Assert.True(Math.Abs(gw[k] - gwExpected[k]) <= 1e-6 * (1 + Math.Abs(gwExpected[k])), $"gw[{k}]");
    }

    [Fact]
    public void BlockedMatrixKernelsRejectShortWeights()
    {
        Assert.Throws<ArgumentException>(() => Kernels.MatrixVectorAdd(new float[5], new float[2], new float[3]));
        Assert.Throws<ArgumentException>(() => Kernels.TransposedMatrixVectorAdd(new float[5], new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => Kernels.OuterProductAdd(new float[5], new float[3], new float[2]));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(8, 64, 0)]
    [InlineData(10, 128, 0)]
    [InlineData(16, 8, 32)]
    [InlineData(33, 24, 5)]
    [InlineData(64, 17, 0)]
    [InlineData(128, 8, 32)]
    public void AffineForwardMatchesNaiveSumsWithActivation(int rows, int columns1, int columns2)
    {
        float[] w1 = TestData.Uniform(rows * columns1, 11), x1 = TestData.Uniform(columns1, 12), b1 = TestData.Uniform(rows, 13);
        float[] w2 = TestData.Uniform(rows * columns2, 14), x2 = TestData.Uniform(columns2, 15), b2 = TestData.Uniform(rows, 16);
        float[] z = new float[rows], h = new float[rows];
        AffineKernels.Forward<Activations.Tanh>(w1, x1, w2, x2, b1, columns2 == 0 ? [] : b2, z, h);
        for (int o = 0; o < rows; o++)
        {
            double expected = b1[o] + (columns2 == 0 ? 0 : b2[o]);
            for (int i = 0; i < columns1; i++) expected += (double)w1[o * columns1 + i] * x1[i];
            for (int i = 0; i < columns2; i++) expected += (double)w2[o * columns2 + i] * x2[i];
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * (1 + Math.Abs(expected)) * (columns1 + columns2), $"z[{o}] = {z[o]}, expected {expected}");
            Assert.True(Math.Abs(h[o] - Math.Tanh(z[o])) <= 1e-6, $"h[{o}] = {h[o]}, tanh(z) = {Math.Tanh(z[o])}");
        }
    }

    [Fact]
    public void AffineForwardRejectsMismatchedShapes()
    {
        float[] w = new float[12], x = new float[4], b = new float[3], z = new float[3];
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseForward<Activations.Linear>(new float[11], b, x, z, z));
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseForward<Activations.Linear>(w, b, new float[3], z, z));
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseForward<Activations.Linear>(w, [], x, z, z));
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseForward<Activations.Linear>(w, b, x, new float[2], z));
        Assert.Throws<ArgumentException>(() => AffineKernels.Forward<Activations.Linear>(w, x, w, x, b, new float[2], z, z));
    }

    /// <summary>Rows, columns, and whether the input gradient is wanted: one row, whole and partial 16- and 32-column bands, odd rows.</summary>
    public static TheoryData<int, int, bool> BackwardShapes() => new() { { 1, 3, true }, { 8, 64, true }, { 9, 17, false }, { 64, 32, true }, { 5, 40, false }, { 3, 48, true } };

    [Theory]
    [MemberData(nameof(BackwardShapes))]
    public void DenseBackwardAccumulatesOrOverwritesTheGradients(int rows, int columns, bool propagates)
    {
        float[] w = TestData.Uniform(rows * columns, 21), x = TestData.Uniform(columns, 22), delta = TestData.Uniform(rows, 23);
        foreach (bool accumulate in new[] { true, false })
        {
            float[] gw = TestData.Uniform(rows * columns, 24), gb = TestData.Uniform(rows, 25), dx = TestData.Uniform(columns, 26);
            float[] gwStart = (float[])gw.Clone(), gbStart = (float[])gb.Clone(), dxStart = (float[])dx.Clone();
            if (accumulate) AffineKernels.DenseBackward<BackwardModes.Accumulate>(propagates ? w : [], x, delta, gw, gb, propagates ? dx : [], 0f);
            else AffineKernels.DenseBackward<BackwardModes.Overwrite>(propagates ? w : [], x, delta, gw, gb, propagates ? dx : [], 0f);
            for (int o = 0; o < rows; o++)
            {
                AssertClose((accumulate ? gbStart[o] : 0f) + delta[o], gb[o]);
                for (int i = 0; i < columns; i++) AssertClose((accumulate ? gwStart[o * columns + i] : 0f) + (double)delta[o] * x[i], gw[o * columns + i]);
            }
            for (int i = 0; i < columns; i++)
            {
                double expected = dxStart[i];
                if (propagates) for (int o = 0; o < rows; o++) expected += (double)w[o * columns + i] * delta[o];
                Assert.True(Math.Abs(dx[i] - expected) <= 1e-5 * (1 + Math.Abs(expected)) * rows, $"dx[{i}] = {dx[i]}, expected {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(BackwardShapes))]
    public void DenseBackwardWithAnUpdateEqualsTheSameSweepFollowedBySgdsPass(int rows, int columns, bool propagates)
    {
        const float update = -0.05f;
        float[] x = TestData.Uniform(columns, 22), delta = TestData.Uniform(rows, 23);
        float[] w = TestData.Uniform(rows * columns, 21), gw = new float[rows * columns], gb = new float[rows], dx = new float[columns];
        float[] w2 = (float[])w.Clone(), gw2 = new float[rows * columns], gb2 = new float[rows], dx2 = new float[columns];

        AffineKernels.DenseBackward<BackwardModes.OverwriteAndUpdate>(w, x, delta, gw, gb, propagates ? dx : [], update);
        AffineKernels.DenseBackward<BackwardModes.Overwrite>(w2, x, delta, gw2, gb2, propagates ? dx2 : [], update);
        Kernels.MultiplyAdd(w2, gw2, update);

        Assert.Equal(gw2, gw);
        Assert.Equal(gb2, gb);
        Assert.Equal(dx2, dx); // Wᵀ·δ from the weights before the update
        Assert.Equal(w2, w);
        Assert.NotEqual(TestData.Uniform(rows * columns, 21), w);
    }

    [Theory]
    [MemberData(nameof(BackwardShapes))]
    public void DenseBackwardIntoThePreviousDeltaEqualsAddingThenMultiplyingByTheDerivative(int rows, int columns, bool _)
    {
        float[] w = TestData.Uniform(rows * columns, 21), z = TestData.Uniform(columns, 27, scale: 3), delta = TestData.Uniform(rows, 23);
        float[] h = Array.ConvertAll(z, value => Activations.Tanh.Apply(value));
        float[] gw = new float[rows * columns], gb = new float[rows], previousDelta = TestData.Uniform(columns, 28); // overwritten, not added to
        float[] gw2 = new float[rows * columns], gb2 = new float[rows], dx = new float[columns];

        AffineKernels.DenseBackward<BackwardModes.Overwrite, Activations.Tanh>(w, h, delta, gw, gb, previousDelta, z, 0f);
        AffineKernels.DenseBackward<BackwardModes.Overwrite>(w, h, delta, gw2, gb2, dx, 0f);
        Activations.ActivationKernels.MultiplyByDerivative<Activations.Tanh>(z, h, dx);

        Assert.Equal(gw2, gw);
        Assert.Equal(gb2, gb);
        Assert.Equal(dx, previousDelta);
    }

    [Fact]
    public void DenseBackwardIntoThePreviousDeltaNeedsItAndItsPreActivations()
    {
        float[] w = new float[12], x = new float[4], delta = new float[3], gw = new float[12], gb = new float[3];
        var error = Assert.Throws<ArgumentException>(() => AffineKernels.DenseBackward<BackwardModes.Overwrite, Activations.Tanh>(w, x, delta, gw, gb, [], new float[4], 0f));
        Assert.Equal("previousDelta", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => AffineKernels.DenseBackward<BackwardModes.Overwrite, Activations.Tanh>(w, x, delta, gw, gb, new float[4], new float[3], 0f));
        Assert.Equal("previousZ", error.ParamName);
    }

    [Fact]
    public void DenseBackwardRejectsMissingWeightsWhenItMustUpdateThem()
    {
        float[] x = new float[4], delta = new float[3], gw = new float[12], gb = new float[3];
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseBackward<BackwardModes.OverwriteAndUpdate>([], x, delta, gw, gb, [], -0.1f));
        Assert.Throws<ArgumentException>(() => AffineKernels.DenseBackward<BackwardModes.Overwrite>(new float[11], x, delta, gw, gb, new float[4], 0f));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(21)]
    public void LstmCellMatchesTheScalarGateFormulas(int units)
    {
        float[] pre = TestData.Uniform(4 * units, 31), cp = TestData.Uniform(units, 32);
        for (int k = 0; k < pre.Length; k++) pre[k] *= 4f;
        float[] gates = new float[4 * units], c = new float[units], tc = new float[units], h = new float[units];
        RecurrentKernels.LstmCell(pre, cp, gates, c, tc, h);
        for (int j = 0; j < units; j++)
        {
            double i = 1 / (1 + Math.Exp(-pre[j])), f = 1 / (1 + Math.Exp(-pre[units + j])), g = Math.Tanh(pre[2 * units + j]), o = 1 / (1 + Math.Exp(-pre[3 * units + j]));
            double cell = f * cp[j] + i * g;
            AssertClose(i, gates[j]);
            AssertClose(f, gates[units + j]);
            AssertClose(g, gates[2 * units + j]);
            AssertClose(o, gates[3 * units + j]);
            AssertClose(cell, c[j]);
            AssertClose(Math.Tanh(cell), tc[j]);
            AssertClose(o * Math.Tanh(cell), h[j]);
        }
        Assert.Throws<ArgumentException>(() => RecurrentKernels.LstmCell(new float[4 * units - 1], cp, gates, c, tc, h));
    }

    private static void AssertClose(double expected, float actual)
        => Assert.True(Math.Abs(actual - expected) <= 1e-6 * (1 + Math.Abs(expected)), $"{actual} vs {expected}");
}
