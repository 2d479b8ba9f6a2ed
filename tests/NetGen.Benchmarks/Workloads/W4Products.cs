using BenchmarkDotNet.Attributes;
using NetGen.Numerics;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// The matrix products of one W4 TrainBatch alone (batch 32, 784-128-10): Z = X·Wᵀ for both layers, ∇W += δᵀ·X
/// for both, dX = δ·W for the output layer. GFLOP/s = 2 · <see cref="W4TrainBatchMnist.MultiplyAdds"/> / (mean ns),
/// to set against <see cref="FmaPeak"/> from the same run.
/// </summary>
public class W4Products
{
    private const int Batch = 32, Inputs = 784, Hidden = 128, Classes = 10;
    private readonly float[] _x = Data.Uniform(Batch * Inputs, seed: 411, min: 0f, max: 1f);
    private readonly float[] _w1 = Data.Uniform(Hidden * Inputs, seed: 412), _w2 = Data.Uniform(Classes * Hidden, seed: 413);
    private readonly float[] _z1 = new float[Batch * Hidden], _z2 = new float[Batch * Classes];
    private readonly float[] _d1 = Data.Uniform(Batch * Hidden, seed: 414), _d2 = Data.Uniform(Batch * Classes, seed: 415);
    private readonly float[] _gw1 = new float[Hidden * Inputs], _gw2 = new float[Classes * Hidden], _dh = new float[Batch * Hidden];

    /// <summary>Every product on the calling thread.</summary>
    [Benchmark(Baseline = true)]
    public float OneCore()
    {
        SecondCore.Enabled = false;
        try
        {
            return Products();
        }
        finally
        {
            SecondCore.Enabled = true;
        }
    }

    /// <summary>The large products shared with <see cref="SecondCore"/>.</summary>
    [Benchmark]
    public float TwoCores() => Products();

    private float Products()
    {
        Gemm.MultiplyTransposedAdd(_x, _w1, _z1, Batch, Inputs, Hidden);
        Gemm.MultiplyTransposedAdd(_z1, _w2, _z2, Batch, Hidden, Classes);
        Gemm.MultiplyAdd(_d2, 1, Classes, _z1, _gw2, Classes, Batch, Hidden);
        Gemm.MultiplyAdd(_d2, Classes, 1, _w2, _dh, Batch, Classes, Hidden);
        Gemm.MultiplyAdd(_d1, 1, Hidden, _x, _gw1, Hidden, Batch, Inputs);
        return _gw1[0] + _z2[0] + _dh[0];
    }
}
