using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// The single-core multiply-add peak that W4's matrix products are measured against: ten independent chains
/// of 512-bit (or 256-bit) fused multiply-adds, enough to cover the instruction's latency, and nothing else.
/// GFLOP/s = 2 · <see cref="MultiplyAdds"/> / (mean ns).
/// </summary>
public class FmaPeak
{
    private const int Iterations = 100_000, Chains = 10;

    /// <summary>Multiply-adds (lanes) per call.</summary>
    public static long MultiplyAdds => (long)Iterations * Chains * (Avx512F.IsSupported ? 16 : 8);

    /// <summary>The peak loop; returns the sums so nothing is optimised away.</summary>
    [Benchmark]
    public float Peak() => Avx512F.IsSupported ? Peak512() : Peak256();

    private static float Peak512()
    {
        Vector512<float> m = Vector512.Create(0.9999999f), add = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, add); a1 = Avx512F.FusedMultiplyAdd(a1, m, add);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, add); a3 = Avx512F.FusedMultiplyAdd(a3, m, add);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, add); a5 = Avx512F.FusedMultiplyAdd(a5, m, add);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, add); a7 = Avx512F.FusedMultiplyAdd(a7, m, add);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, add); a9 = Avx512F.FusedMultiplyAdd(a9, m, add);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }

    private static float Peak256()
    {
        Vector256<float> m = Vector256.Create(0.9999999f), add = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = a0 * m + add; a1 = a1 * m + add; a2 = a2 * m + add; a3 = a3 * m + add; a4 = a4 * m + add;
            a5 = a5 * m + add; a6 = a6 * m + add; a7 = a7 * m + add; a8 = a8 * m + add; a9 = a9 * m + add;
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }
}
