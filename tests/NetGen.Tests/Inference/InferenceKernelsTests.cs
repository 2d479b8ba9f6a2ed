using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Activations;
using NetGen.Numerics;
using Xunit;

namespace NetGen.Tests;

/// <summary>The inference kernels against double-precision references: the broadcast product over every block width and remainder of inputs, the packings, and the gated steps.</summary>
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
    public void DenseEqualsTheProduct(int inputs, int outputs)
    {
        float[] weights = TestData.Uniform(outputs * inputs, 1), bias = TestData.Uniform(outputs, 2), x = TestData.Uniform(inputs, 3);
        int stride = InferenceKernels.Stride(outputs);
        Assert.True(stride == 8 ? outputs <= 8 : stride % 16 == 0 && stride >= outputs);
        var packed = new AlignedBlock((inputs + 1) * stride);
        Span<float> block = packed.Span;
        InferenceKernels.PackDense(weights, bias, block[..(inputs * stride)], block[(inputs * stride)..]);
        float[] z = new float[stride], a = new float[stride];
        Dense<Linear>(block, inputs, x, z);
        Dense<Tanh>(block, inputs, x, a); // the activation on the accumulators
        for (int o = 0; o < stride; o++)
        {
            double expected = 0;
            if (o < outputs)
            {
                expected = bias[o];
                for (int k = 0; k < inputs; k++) expected += (double)weights[o * inputs + k] * x[k];
            }
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{o}] = {z[o]}, expected {expected}");
            Assert.True(Math.Abs(a[o] - Math.Tanh(expected)) <= 1e-5, $"a[{o}] = {a[o]}, expected {Math.Tanh(expected)}");
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
        Dense<Linear>([.. transposed, .. packedBias], inputs, x, z);
        for (int o = 0; o < outputs; o++)
        {
            double y = bias[o];
            for (int k = 0; k < inputs; k++) y += (double)weights[o * inputs + k] * x[k];
            double expected = gamma[o] * (y - mean[o]) / Math.Sqrt(variance[o] + 1e-5) + beta[o];
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{o}] = {z[o]}, expected {expected}");
        }
    }

    /// <summary>A simple recurrent layer's packing: one dense product over [x; h] gives W_ih·x + b_ih + W_hh·h + b_hh.</summary>
    [Theory]
    [InlineData(3, 5)]
    [InlineData(8, 32)]
    public void ElmanPackingStacksTheInputAndHiddenProducts(int inputs, int units)
    {
        int stride = InferenceKernels.Stride(units), rows = inputs + units;
        float[] wi = TestData.Uniform(units * inputs, 1), wh = TestData.Uniform(units * units, 2), bi = TestData.Uniform(units, 3), bh = TestData.Uniform(units, 4);
        float[] x = TestData.Uniform(inputs, 5), h = TestData.Uniform(units, 6);
        var packed = new AlignedBlock((rows + 1) * stride);
        ElmanInferenceKernels.Pack(wi, wh, bi, bh, packed.Span[..(rows * stride)], packed.Span[(rows * stride)..]);
        float[] z = new float[stride];
        Dense<Linear>(packed.Span, rows, [.. x, .. h], z);
        for (int o = 0; o < units; o++)
        {
            double expected = bi[o] + bh[o];
            for (int k = 0; k < inputs; k++) expected += (double)wi[o * inputs + k] * x[k];
            for (int j = 0; j < units; j++) expected += (double)wh[o * units + j] * h[j];
            Assert.True(Math.Abs(z[o] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"z[{o}] = {z[o]}, expected {expected}");
        }
    }

    /// <summary>
    /// Three LSTM steps of the packed kernel against torch.nn.LSTMCell's definition in double (gates i, f, g, o), over
    /// whole and partial blocks of 16 units (one, a pair, a pair and one more) and odd and even input counts.
    /// </summary>
    [Theory]
    [InlineData(3, 5)]
    [InlineData(8, 32)]
    [InlineData(7, 20)]
    [InlineData(5, 40)]
    public void LstmStepEqualsLstmCell(int inputs, int units)
    {
        int rows = 4 * units, padded = LstmInferenceKernels.PaddedUnits(units), columns = LstmInferenceKernels.Columns(units);
        float[] wi = TestData.Uniform(rows * inputs, 1), wh = TestData.Uniform(rows * units, 2), bi = TestData.Uniform(rows, 3), bh = TestData.Uniform(rows, 4);
        var packed = new AlignedBlock((inputs + units + 1) * columns);
        int weights = (inputs + units) * columns;
        LstmInferenceKernels.Pack(wi, wh, bi, bh, packed.Span[..weights], packed.Span[weights..]);
        float[] h = new float[padded], hNext = new float[padded], c = new float[padded];
        double[] hRef = new double[units], cRef = new double[units];
        for (int step = 0; step < 3; step++)
        {
            float[] x = TestData.Uniform(inputs, 10 + step);
            LstmInferenceKernels.Step(ref packed.Span[0], ref packed.Span[weights], ref x[0], inputs, ref h[0], units, ref c[0], ref hNext[0]);
            double[] z = GateSums(wi, wh, bi, bh, x, hRef, rows);
            for (int j = 0; j < units; j++)
            {
                cRef[j] = Sigmoid(z[units + j]) * cRef[j] + Sigmoid(z[j]) * Math.Tanh(z[2 * units + j]);
                hRef[j] = Sigmoid(z[3 * units + j]) * Math.Tanh(cRef[j]);
            }
            AssertClose(hRef, hNext, "h");
            AssertClose(cRef, c, "c");
            (h, hNext) = (hNext, h);
        }
    }

    /// <summary>Three GRU steps of the packed kernel against torch.nn.GRUCell's definition in double (gates r, z, n).</summary>
    [Theory]
    [InlineData(3, 5)]
    [InlineData(8, 32)]
    [InlineData(7, 20)]
    [InlineData(5, 40)]
    public void GruStepEqualsGruCell(int inputs, int units)
    {
        int rows = 3 * units, padded = GruInferenceKernels.PaddedUnits(units), columns = GruInferenceKernels.Columns(units);
        float[] wi = TestData.Uniform(rows * inputs, 1), wh = TestData.Uniform(rows * units, 2), bi = TestData.Uniform(rows, 3), bh = TestData.Uniform(rows, 4);
        var packed = new AlignedBlock((inputs + units) * columns + GruInferenceKernels.BiasCount(units));
        int weights = (inputs + units) * columns;
        GruInferenceKernels.Pack(wi, wh, bi, bh, packed.Span[..weights], packed.Span[weights..]);
        float[] h = new float[padded], hNext = new float[padded];
        double[] hRef = new double[units];
        for (int step = 0; step < 3; step++)
        {
            float[] x = TestData.Uniform(inputs, 10 + step);
            GruInferenceKernels.Step(ref packed.Span[0], ref packed.Span[weights], ref x[0], inputs, ref h[0], units, ref hNext[0]);
            double[] gi = GateSums(wi, new float[rows * units], bi, new float[rows], x, hRef, rows);
            double[] gh = GateSums(new float[rows * inputs], wh, new float[rows], bh, x, hRef, rows);
            double[] next = new double[units];
            for (int j = 0; j < units; j++)
            {
                double r = Sigmoid(gi[j] + gh[j]), u = Sigmoid(gi[units + j] + gh[units + j]);
                double n = Math.Tanh(gi[2 * units + j] + r * gh[2 * units + j]);
                next[j] = (1 - u) * n + u * hRef[j];
            }
            hRef = next;
            AssertClose(hRef, hNext, "h");
            (h, hNext) = (hNext, h);
        }
    }

    private static void Dense<TAct>(ReadOnlySpan<float> block, int inputs, ReadOnlySpan<float> x, Span<float> y) where TAct : IVectorActivation
    {
        int stride = y.Length;
        InferenceKernels.Dense<TAct>(ref MemoryMarshal.GetReference(block), ref Unsafe.Add(ref MemoryMarshal.GetReference(block), inputs * stride),
            ref MemoryMarshal.GetReference(x), inputs, ref MemoryMarshal.GetReference(y), stride);
    }

    private static double[] GateSums(float[] wi, float[] wh, float[] bi, float[] bh, float[] x, double[] h, int rows)
    {
        int inputs = x.Length, units = h.Length;
        var z = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            z[r] = (double)bi[r] + bh[r];
            for (int k = 0; k < inputs; k++) z[r] += (double)wi[r * inputs + k] * x[k];
            for (int j = 0; j < units; j++) z[r] += (double)wh[r * units + j] * h[j];
        }
        return z;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(actual[j] - expected[j]) <= 1e-5 * Math.Max(1, Math.Abs(expected[j])), $"{what}[{j}] = {actual[j]}, expected {expected[j]}");
        for (int j = expected.Length; j < actual.Length; j++) Assert.Equal(0f, actual[j]); // the padding units stay 0
    }
}
