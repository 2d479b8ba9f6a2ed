using System;
using System.Linq;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>The batch products against a double-precision reference, at sizes that hit every tile edge.</summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class GemmTests
{
    public static TheoryData<int, int, int> Sizes() => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 4, 16, 4 }, { 5, 17, 9 }, { 8, 33, 64 }, { 9, 15, 81 }, { 32, 784, 128 }, { 32, 128, 10 }, { 7, 100, 130 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MultiplyTransposedAddAddsABTransposed(int m, int k, int n)
    {
        float[] a = TestData.Uniform(m * k, seed: 1), b = TestData.Uniform(n * k, seed: 2), c = TestData.Uniform(m * n, seed: 3);
        double[] expected = Reference(c, m, n, k, (r, s) => a[r * k + s], (s, j) => b[j * k + s]);
        Gemm.MultiplyTransposedAdd(a, b, c, m, k, n);
        AssertClose(expected, c, k);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MultiplyAddReadsARowMajor(int m, int k, int n)
    {
        float[] a = TestData.Uniform(m * k, seed: 4), b = TestData.Uniform(k * n, seed: 5), c = TestData.Uniform(m * n, seed: 6);
        double[] expected = Reference(c, m, n, k, (r, s) => a[r * k + s], (s, j) => b[s * n + j]);
        Gemm.MultiplyAdd(a, k, 1, b, c, m, k, n);
        AssertClose(expected, c, k);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MultiplyAddReadsATransposed(int m, int k, int n)
    {
        // A stored as [k, m]: the weight gradient δᵀ·X reads δ = [batch, out] this way.
        float[] a = TestData.Uniform(k * m, seed: 7), b = TestData.Uniform(k * n, seed: 8), c = TestData.Uniform(m * n, seed: 9);
        double[] expected = Reference(c, m, n, k, (r, s) => a[s * m + r], (s, j) => b[s * n + j]);
        Gemm.MultiplyAdd(a, 1, m, b, c, m, k, n);
        AssertClose(expected, c, k);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MultiplyAddWithoutAccumulateOverwrites(int m, int k, int n)
    {
        float[] a = TestData.Uniform(k * m, seed: 12), b = TestData.Uniform(k * n, seed: 13);
        float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray(); // whatever was there must not leak in
        double[] expected = Reference(new float[m * n], m, n, k, (r, s) => a[s * m + r], (s, j) => b[s * n + j]);
        Gemm.MultiplyAdd(a, 1, m, b, c, m, k, n, accumulate: false);
        AssertClose(expected, c, k);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheFusedUpdateEqualsAPassAfterTheProduct(int m, int k, int n)
    {
        float[] a = TestData.Uniform(k * m, seed: 14), b = TestData.Uniform(k * n, seed: 15);
        float[] c = new float[m * n], updated = TestData.Uniform(m * n, seed: 16);
        float[] reference = new float[m * n], referenceUpdated = (float[])updated.Clone();
        Gemm.MultiplyAdd(a, 1, m, b, c, m, k, n, accumulate: false, updated, -0.1f);
        Gemm.MultiplyAdd(a, 1, m, b, reference, m, k, n, accumulate: false);
        Kernels.MultiplyAdd(referenceUpdated, reference, -0.1f);
        Assert.Equal(TestData.Bits(reference), TestData.Bits(c));
        Assert.Equal(TestData.Bits(referenceUpdated), TestData.Bits(updated));
    }

    [Fact]
    public void TheFusedUpdateIsSharedWithTheSecondCoreWithoutChangingABit()
    {
        const int m = 128, k = 32, n = 784; // ∇W of W4's first layer: above Gemm.ParallelThreshold
        float[] a = TestData.Uniform(k * m, seed: 17), b = TestData.Uniform(k * n, seed: 18);
        float[] sharedC = new float[m * n], aloneC = new float[m * n], shared = TestData.Uniform(m * n, seed: 19), alone = (float[])shared.Clone();
        bool enabled = SecondCore.Enabled;
        try
        {
            SecondCore.Enabled = true;
            Gemm.MultiplyAdd(a, 1, m, b, sharedC, m, k, n, accumulate: false, shared, -0.01f);
            SecondCore.Enabled = false;
            Gemm.MultiplyAdd(a, 1, m, b, aloneC, m, k, n, accumulate: false, alone, -0.01f);
        }
        finally
        {
            SecondCore.Enabled = enabled;
        }
        Assert.Equal(TestData.Bits(aloneC), TestData.Bits(sharedC));
        Assert.Equal(TestData.Bits(alone), TestData.Bits(shared));
    }

    [Fact]
    public void TheSecondCoreChangesNoBit()
    {
        const int m = 32, k = 784, n = 128; // above Gemm.ParallelThreshold
        Assert.True((long)m * k * n >= Gemm.ParallelThreshold);
        float[] a = TestData.Uniform(m * k, seed: 10), b = TestData.Uniform(n * k, seed: 11);
        float[] alone = new float[m * n], aloneT = new float[n * k];
        bool enabled = SecondCore.Enabled;
        try
        {
            SecondCore.Enabled = false;
            Gemm.MultiplyTransposedAdd(a, b, alone, m, k, n);
            Gemm.MultiplyAdd(alone, 1, n, a, aloneT, n, m, k);
            SecondCore.Enabled = true;
            for (int run = 0; run < 40; run++) // the split moves from product to product as it balances the two threads
            {
                float[] shared = new float[m * n], sharedT = new float[n * k];
                Gemm.MultiplyTransposedAdd(a, b, shared, m, k, n);
                Gemm.MultiplyAdd(shared, 1, n, a, sharedT, n, m, k);
                Assert.Equal(TestData.Bits(alone), TestData.Bits(shared));
                Assert.Equal(TestData.Bits(aloneT), TestData.Bits(sharedT));
            }
        }
        finally
        {
            SecondCore.Enabled = enabled;
        }
    }

    [Fact]
    public void RowHelpersBroadcastAndSum()
    {
        float[] matrix = new float[6];
        Gemm.BroadcastRows([1f, 2f, 3f], matrix);
        Assert.Equal([1f, 2f, 3f, 1f, 2f, 3f], matrix);
        float[] sums = [10f, 20f, 30f];
        Gemm.AddColumnSums(matrix, sums);
        Assert.Equal([12f, 24f, 36f], sums);
    }

    [Fact]
    public void BadShapesNameTheExpectedLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedAdd(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("at least 6", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyAdd(new float[6], 3, 1, new float[6], new float[4], 2, 3, 2, accumulate: false, new float[3], -0.1f));
        Assert.Equal("updated", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Gemm.MultiplyAdd(new float[6], 3, 1, new float[6], new float[3], 2, 3, 2));
        Assert.Equal("c", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyAdd(new float[6], 0, 1, new float[6], new float[4], 2, 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyTransposedAdd(new float[6], new float[6], new float[4], -1, 3, 2));
        Assert.Throws<ArgumentException>(() => Gemm.AddColumnSums(new float[5], new float[2]));
        Assert.Throws<ArgumentException>(() => Gemm.BroadcastRows([1f, 2f], new float[3]));
    }

    private static double[] Reference(float[] c, int m, int n, int k, Func<int, int, float> a, Func<int, int, float> b)
    {
        var result = new double[m * n];
        for (int r = 0; r < m; r++)
            for (int j = 0; j < n; j++)
            {
                double sum = c[r * n + j];
                for (int s = 0; s < k; s++) sum += (double)a(r, s) * b(s, j);
                result[r * n + j] = sum;
            }
        return result;
    }

    private static void AssertClose(double[] expected, float[] actual, int k)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6 * (k + 1), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
