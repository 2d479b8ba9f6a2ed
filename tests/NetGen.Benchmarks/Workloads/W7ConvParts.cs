using System;
using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// The parts of one W7 TrainBatch (batch 32), on one core, to see where its time goes: each convolution's
/// <see cref="ConvKernels.ForwardBatch"/> and <see cref="ConvKernels.BackwardBatch"/> (im2col, products, regrouping,
/// col2im), their matrix products alone (the same <see cref="Gemm"/> calls on the same shapes), the pooling layers, and
/// Conv2 forward one sample at a time. GFLOP/s of the products = 2 · <see cref="W7Cnn.ConvMultiplyAdds"/> / (mean ns),
/// to set against <see cref="FmaPeak"/> from the same run.
/// </summary>
public class W7ConvParts
{
    private const int Batch = W7Cnn.BatchSize;
    private static readonly WindowGeometry G1 = W7Cnn.Conv1, G2 = W7Cnn.Conv2, P1 = W7Cnn.Pool1, P2 = W7Cnn.Pool2;
    private readonly float[] _x1 = W7Cnn.Images(Batch, seed: 731);
    private readonly float[] _w1 = Data.Uniform(16 * 9, seed: 732), _b1 = Data.Uniform(16, seed: 733);
    private readonly float[] _w2 = Data.Uniform(32 * 144, seed: 734), _b2 = Data.Uniform(32, seed: 735);
    private readonly float[] _col1 = new float[Batch * G1.ColumnsSize], _dcol1 = new float[Batch * G1.ColumnsSize];
    private readonly float[] _z1 = new float[Batch * G1.OutputSize], _d1 = Data.Uniform(Batch * G1.OutputSize, seed: 736);
    private readonly float[] _x2 = Data.Uniform(Batch * G2.InputSize, seed: 737, min: 0f, max: 1f), _dx2 = new float[Batch * G2.InputSize];
    private readonly float[] _col2 = new float[Batch * G2.ColumnsSize], _dcol2 = new float[Batch * G2.ColumnsSize];
    private readonly float[] _z2 = new float[Batch * G2.OutputSize], _d2 = Data.Uniform(Batch * G2.OutputSize, seed: 738);
    private readonly float[] _gw1 = new float[16 * 9], _gb1 = new float[16], _gw2 = new float[32 * 144], _gb2 = new float[32];
    private readonly float[] _pooled1 = new float[Batch * P1.OutputSize], _pooled2 = new float[Batch * P2.OutputSize];
    private readonly float[] _dp1 = new float[Batch * P1.InputSize], _dp2 = new float[Batch * P2.InputSize];

    /// <summary>One core; the columns filled once, as a forward pass leaves them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SecondCore.Enabled = false;
        Conv1Forward();
        Conv2Forward();
    }

    /// <summary>The second core back.</summary>
    [GlobalCleanup]
    public void Cleanup() => SecondCore.Enabled = true;

    /// <summary>Conv1 forward over the batch (im2col, bias, product, regrouping).</summary>
    [Benchmark]
    public float Conv1Forward()
    {
        ConvKernels.ForwardBatch(_x1, _w1, _b1, _z1, _col1, Batch, G1);
        return _z1[0];
    }

    /// <summary>Conv1 backward over the batch: ∇W and ∇b only (no gradient to the image).</summary>
    [Benchmark]
    public float Conv1Backward()
    {
        ConvKernels.BackwardBatch(_col1, _w1, _d1, _gw1, _gb1, Span<float>.Empty, _dcol1, Batch, G1);
        return _gw1[0];
    }

    /// <summary>Conv2 forward over the batch.</summary>
    [Benchmark]
    public float Conv2Forward()
    {
        ConvKernels.ForwardBatch(_x2, _w2, _b2, _z2, _col2, Batch, G2);
        return _z2[0];
    }

    /// <summary>Conv2 forward one sample at a time: 32 calls of the single-sample kernel (N = 196 positions each).</summary>
    [Benchmark]
    public float Conv2ForwardPerSample()
    {
        for (int s = 0; s < Batch; s++)
            ConvKernels.Forward(_x2.AsSpan(s * G2.InputSize, G2.InputSize), _w2, _b2, _z2.AsSpan(s * G2.OutputSize, G2.OutputSize), _col2.AsSpan(s * G2.ColumnsSize, G2.ColumnsSize), G2);
        return _z2[0];
    }

    /// <summary>Conv2 backward over the batch: ∇W, ∇b and the input gradient (Wᵀ·δ, col2im).</summary>
    [Benchmark]
    public float Conv2Backward()
    {
        _dx2.AsSpan().Clear();
        ConvKernels.BackwardBatch(_col2, _w2, _d2, _gw2, _gb2, _dx2, _dcol2, Batch, G2);
        return _gw2[0];
    }

    /// <summary>
    /// The products of both convolutions alone, forward and backward (<see cref="W7Cnn.ConvMultiplyAdds"/>): the calls
    /// <see cref="ConvKernels"/> makes, on groups of as many samples as it unfolds together (2 for Conv1's 784
    /// positions, 8 for Conv2's 196), reading the columns left by the setup.
    /// </summary>
    [Benchmark]
    public float ConvProducts()
    {
        Products(_w1, _col1, _z1, _d1, _gw1, _dcol1, G1, GroupOf(G1), inputGradient: false);
        Products(_w2, _col2, _z2, _d2, _gw2, _dcol2, G2, GroupOf(G2), inputGradient: true);
        return _gw1[0] + _gw2[0];
    }

    /// <summary>Both max-pooling layers forward and backward over the batch, sample by sample as the generated code runs them.</summary>
    [Benchmark]
    public float Pooling()
    {
        _dp1.AsSpan().Clear();
        _dp2.AsSpan().Clear();
        for (int s = 0; s < Batch; s++)
        {
            PoolKernels.MaxForward(_z1.AsSpan(s * P1.InputSize, P1.InputSize), _pooled1.AsSpan(s * P1.OutputSize, P1.OutputSize), P1);
            PoolKernels.MaxForward(_z2.AsSpan(s * P2.InputSize, P2.InputSize), _pooled2.AsSpan(s * P2.OutputSize, P2.OutputSize), P2);
        }
        for (int s = 0; s < Batch; s++)
        {
            PoolKernels.MaxBackward(_z2.AsSpan(s * P2.InputSize, P2.InputSize), _pooled2.AsSpan(s * P2.OutputSize, P2.OutputSize), _pooled2.AsSpan(s * P2.OutputSize, P2.OutputSize), _dp2.AsSpan(s * P2.InputSize, P2.InputSize), P2);
            PoolKernels.MaxBackward(_z1.AsSpan(s * P1.InputSize, P1.InputSize), _pooled1.AsSpan(s * P1.OutputSize, P1.OutputSize), _pooled1.AsSpan(s * P1.OutputSize, P1.OutputSize), _dp1.AsSpan(s * P1.InputSize, P1.InputSize), P1);
        }
        return _dp1[0] + _dp2[0];
    }

    private static void Products(float[] w, float[] columns, float[] z, float[] d, float[] gw, float[] dcolumns, in WindowGeometry g, int group, bool inputGradient)
    {
        int outputs = g.OutChannels, patch = g.Patch, positions = g.Positions;
        for (int first = 0; first < Batch; first += group)
        {
            int count = Math.Min(group, Batch - first), width = count * positions;
            ReadOnlySpan<float> groupColumns = columns.AsSpan(first * g.ColumnsSize, count * g.ColumnsSize);
            Span<float> groupZ = z.AsSpan(first * g.OutputSize, count * g.OutputSize), groupD = d.AsSpan(first * g.OutputSize, count * g.OutputSize);
            Gemm.MultiplyAdd(w, patch, 1, groupColumns, groupZ, outputs, patch, width);
            Gemm.MultiplyTransposedAdd(groupD, groupColumns, gw, outputs, width, patch);
            if (inputGradient) Gemm.MultiplyAdd(w, 1, patch, groupD, dcolumns.AsSpan(0, count * g.ColumnsSize), patch, outputs, width, accumulate: false);
        }
    }

    /// <summary>
    /// ConvKernels' group size (a copy of its private GroupSize, for these shapes): enough samples for 1,024 columns
    /// within its limits, then the first size up to twice that whose columns are a multiple of 16.
    /// </summary>
    private static int GroupOf(in WindowGeometry g)
    {
        long limit = Math.Max(1, (1 << 19) / g.ColumnsSize);
        limit = Math.Min(limit, (long)Batch * g.Patch / (g.Patch + g.OutChannels));
        limit = Math.Min(limit, (1 << 14) / g.OutChannels);
        limit = Math.Clamp(limit, 1, Batch);
        long size = Math.Min((1024 + g.Positions - 1) / g.Positions, limit);
        for (long aligned = size; aligned <= Math.Min(2 * size, limit); aligned++)
            if (aligned * g.Positions % 16 == 0) return (int)aligned;
        return (int)size;
    }
}
