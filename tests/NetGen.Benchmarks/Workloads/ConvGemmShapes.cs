using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// The forward product of a convolution, Z[M, N] += W[M, K]·columns[K, N] (<see cref="Gemm.MultiplyAdd"/> as
/// <see cref="ConvKernels"/> calls it), on one core, for the shapes of W7 and W8 with N as the layer has it and
/// rounded up to a multiple of 16: the cost of the columns past the last 16-wide tile, which the tiles leave to
/// scalar dot products.
/// </summary>
public class ConvGemmShapes
{
    /// <summary>
    /// "M×K×N": W8's layers (16×48×31), W7 Conv2 one sample (32×144×196) and a group of 6 (32×144×1176, as ConvKernels
    /// groups Conv2's samples), each beside its padded twin; and groups of 4 and 8 samples (784, 1568: multiples of 16).
    /// </summary>
    [Params("16x48x31", "16x48x32", "32x144x196", "32x144x208", "32x144x1176", "32x144x1184", "32x144x784", "32x144x1568")]
    public string Shape { get; set; } = "16x48x31";

    private int _m, _k, _n;
    private float[] _w = [], _columns = [], _z = [];

    /// <summary>One core; matrices of the shape.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SecondCore.Enabled = false;
        string[] parts = Shape.Split('x');
        (_m, _k, _n) = (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]));
        _w = Data.Uniform(_m * _k, seed: 901);
        _columns = Data.Uniform(_k * _n, seed: 902);
        _z = new float[_m * _n];
    }

    /// <summary>The second core back.</summary>
    [GlobalCleanup]
    public void Cleanup() => SecondCore.Enabled = true;

    /// <summary>Z += W·columns.</summary>
    [Benchmark]
    public float Product()
    {
        Gemm.MultiplyAdd(_w, _k, 1, _columns, _z, _m, _k, _n);
        return _z[0];
    }
}
