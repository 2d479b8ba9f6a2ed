using System;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The vector kernels of loop-emitted layers, over every length from 0 to 100 so that each vector width's
/// main loop, unrolled pair and scalar tail are exercised (on this machine's widest instruction set).
/// </summary>
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
}
