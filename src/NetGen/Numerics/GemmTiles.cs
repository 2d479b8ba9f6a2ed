using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Numerics;

/// <summary>
/// Register-tiled bodies of <see cref="Gemm"/>. With AVX-512 each tile keeps 16 accumulators in registers and
/// issues 16 fused multiply-adds per 8 loads, so the FMA units, not the loads, set the pace. Without it the
/// rows go through <see cref="Kernels"/> one at a time.
/// </summary>
internal static unsafe class GemmTiles
{
    /// <summary>C += A·Bᵀ: tiles of 4 rows of A × 4 rows of B, each element a dot product over k.</summary>
    public static void TransposedB(in GemmJob job)
    {
        int m = job.M, n = job.N, k = job.K, lda = job.ARowStride, ldc = job.LeadingDimension;
        int i = 0;
        if (Avx512F.IsSupported && k >= 16)
            for (; i <= m - 4; i += 4)
            {
                int j = 0;
                for (; j <= n - 4; j += 4) DotTile4x4(job.A + (long)i * lda, lda, job.B + (long)j * k, k, k, job.C + (long)i * ldc + j, ldc);
                for (; j < n; j++)
                    for (int r = 0; r < 4; r++) job.C[(long)(i + r) * ldc + j] += Dot(job.A + (long)(i + r) * lda, job.B + (long)j * k, k);
            }
        for (; i < m; i++)
            for (int j = 0; j < n; j++) job.C[(long)i * ldc + j] += Dot(job.A + (long)i * lda, job.B + (long)j * k, k);
    }

    /// <summary>
    /// C += A·B (or C = A·B without <see cref="GemmJob.Accumulate"/>): tiles of 4 rows × 64 columns (then 16), each
    /// step broadcasting A(r, s) against a row of B. Overwriting tiles start from zero rather than from C; the
    /// edges that add to C are cleared first.
    /// </summary>
    public static void StridedA(in GemmJob job)
    {
        int m = job.M, n = job.N, k = job.K, ld = job.LeadingDimension;
        bool tiled = Avx512F.IsSupported;
        if (!job.Accumulate) ClearEdges(job, tiled ? m / 4 * 4 : 0, tiled ? n / 16 * 16 : 0);
        bool load = job.Accumulate;
        int i = 0;
        if (tiled)
            for (; i <= m - 4; i += 4)
            {
                float* a = job.A + (long)i * job.ARowStride;
                int j = 0;
                for (; j <= n - 64; j += 64) BroadcastTile4x64(a, job.ARowStride, job.AColumnStride, job.B + j, job.C + (long)i * ld + j, ld, k, load);
                for (; j <= n - 16; j += 16) BroadcastTile4x16(a, job.ARowStride, job.AColumnStride, job.B + j, job.C + (long)i * ld + j, ld, k, load);
                for (; j < n; j++)
                    for (int r = 0; r < 4; r++)
                        job.C[(long)(i + r) * ld + j] += StridedDot(a + (long)r * job.ARowStride, job.AColumnStride, job.B + j, ld, k);
            }
        for (; i < m; i++)
        {
            float* a = job.A + (long)i * job.ARowStride;
            var row = new Span<float>(job.C + (long)i * ld, n);
            for (int s = 0; s < k; s++) Kernels.MultiplyAdd(row, new ReadOnlySpan<float>(job.B + (long)s * ld, n), a[(long)s * job.AColumnStride]);
        }
    }

    /// <summary>Zeroes what the tiles do not overwrite: rows from <paramref name="tiledRows"/> on, and columns from <paramref name="tiledColumns"/> on.</summary>
    private static void ClearEdges(in GemmJob job, int tiledRows, int tiledColumns)
    {
        for (int row = 0; row < job.M; row++)
        {
            int from = row < tiledRows ? tiledColumns : 0;
            new Span<float>(job.C + (long)row * job.LeadingDimension + from, job.N - from).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* x, float* y, int k) => Kernels.Dot(new ReadOnlySpan<float>(x, k), new ReadOnlySpan<float>(y, k));

    private static float StridedDot(float* a, int aStride, float* b, int bStride, int k)
    {
        float sum = 0f;
        for (int s = 0; s < k; s++) sum += a[(long)s * aStride] * b[(long)s * bStride];
        return sum;
    }

    /// <summary>C[r, c] += Σ_s A[r, s]·B[c, s] for r, c &lt; 4: 16 accumulators, 4 + 4 loads per 16 multiply-adds.</summary>
    private static void DotTile4x4(float* a, int lda, float* b, int ldb, int k, float* c, int ldc)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        float* a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda;
        float* b1 = b + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        int s = 0;
        for (; s <= k - 16; s += 16)
        {
            Vector512<float> w0 = Vector512.Load(b + s), w1 = Vector512.Load(b1 + s), w2 = Vector512.Load(b2 + s), w3 = Vector512.Load(b3 + s);
            Vector512<float> x = Vector512.Load(a + s);
            c00 = Avx512F.FusedMultiplyAdd(x, w0, c00); c01 = Avx512F.FusedMultiplyAdd(x, w1, c01);
            c02 = Avx512F.FusedMultiplyAdd(x, w2, c02); c03 = Avx512F.FusedMultiplyAdd(x, w3, c03);
            x = Vector512.Load(a1 + s);
            c10 = Avx512F.FusedMultiplyAdd(x, w0, c10); c11 = Avx512F.FusedMultiplyAdd(x, w1, c11);
            c12 = Avx512F.FusedMultiplyAdd(x, w2, c12); c13 = Avx512F.FusedMultiplyAdd(x, w3, c13);
            x = Vector512.Load(a2 + s);
            c20 = Avx512F.FusedMultiplyAdd(x, w0, c20); c21 = Avx512F.FusedMultiplyAdd(x, w1, c21);
            c22 = Avx512F.FusedMultiplyAdd(x, w2, c22); c23 = Avx512F.FusedMultiplyAdd(x, w3, c23);
            x = Vector512.Load(a3 + s);
            c30 = Avx512F.FusedMultiplyAdd(x, w0, c30); c31 = Avx512F.FusedMultiplyAdd(x, w1, c31);
            c32 = Avx512F.FusedMultiplyAdd(x, w2, c32); c33 = Avx512F.FusedMultiplyAdd(x, w3, c33);
        }
        StoreRow(c, c00, c01, c02, c03, a, b, ldb, s, k);
        StoreRow(c + ldc, c10, c11, c12, c13, a1, b, ldb, s, k);
        StoreRow(c + 2 * ldc, c20, c21, c22, c23, a2, b, ldb, s, k);
        StoreRow(c + 3 * ldc, c30, c31, c32, c33, a3, b, ldb, s, k);
    }

    /// <summary>Adds one tile row: the four accumulators reduced at once (their sums land in lanes 0–3), plus the k tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3, float* a, float* b, int ldb, int s, int k)
    {
        Vector128<float> sums = Vector128.Create(Vector512.Sum(v0), Vector512.Sum(v1), Vector512.Sum(v2), Vector512.Sum(v3));
        for (; s < k; s++)
            sums += Vector128.Create(a[s]) * Vector128.Create(b[s], b[ldb + s], b[2 * ldb + s], b[3 * ldb + s]);
        (Vector128.Load(c) + sums).Store(c);
    }

    /// <summary>C[r, 0..64) += Σ_s A(r, s)·B[s, 0..64) for r &lt; 4: 16 accumulators, 4 broadcasts + 4 loads per 16 multiply-adds.</summary>
    private static void BroadcastTile4x64(float* a, int aRowStride, int aColumnStride, float* b, float* c, int ld, int k, bool load)
    {
        float* c1 = c + ld, c2 = c1 + ld, c3 = c2 + ld;
        Vector512<float> c00 = Start(c, load), c01 = Start(c + 16, load), c02 = Start(c + 32, load), c03 = Start(c + 48, load);
        Vector512<float> c10 = Start(c1, load), c11 = Start(c1 + 16, load), c12 = Start(c1 + 32, load), c13 = Start(c1 + 48, load);
        Vector512<float> c20 = Start(c2, load), c21 = Start(c2 + 16, load), c22 = Start(c2 + 32, load), c23 = Start(c2 + 48, load);
        Vector512<float> c30 = Start(c3, load), c31 = Start(c3 + 16, load), c32 = Start(c3 + 32, load), c33 = Start(c3 + 48, load);
        for (int s = 0; s < k; s++)
        {
            float* row = b + (long)s * ld;
            float* column = a + (long)s * aColumnStride;
            Vector512<float> w0 = Vector512.Load(row), w1 = Vector512.Load(row + 16), w2 = Vector512.Load(row + 32), w3 = Vector512.Load(row + 48);
            Vector512<float> x = Vector512.Create(column[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, w0, c00); c01 = Avx512F.FusedMultiplyAdd(x, w1, c01);
            c02 = Avx512F.FusedMultiplyAdd(x, w2, c02); c03 = Avx512F.FusedMultiplyAdd(x, w3, c03);
            x = Vector512.Create(column[aRowStride]);
            c10 = Avx512F.FusedMultiplyAdd(x, w0, c10); c11 = Avx512F.FusedMultiplyAdd(x, w1, c11);
            c12 = Avx512F.FusedMultiplyAdd(x, w2, c12); c13 = Avx512F.FusedMultiplyAdd(x, w3, c13);
            x = Vector512.Create(column[2 * aRowStride]);
            c20 = Avx512F.FusedMultiplyAdd(x, w0, c20); c21 = Avx512F.FusedMultiplyAdd(x, w1, c21);
            c22 = Avx512F.FusedMultiplyAdd(x, w2, c22); c23 = Avx512F.FusedMultiplyAdd(x, w3, c23);
            x = Vector512.Create(column[3 * aRowStride]);
            c30 = Avx512F.FusedMultiplyAdd(x, w0, c30); c31 = Avx512F.FusedMultiplyAdd(x, w1, c31);
            c32 = Avx512F.FusedMultiplyAdd(x, w2, c32); c33 = Avx512F.FusedMultiplyAdd(x, w3, c33);
        }
        c00.Store(c); c01.Store(c + 16); c02.Store(c + 32); c03.Store(c + 48);
        c10.Store(c1); c11.Store(c1 + 16); c12.Store(c1 + 32); c13.Store(c1 + 48);
        c20.Store(c2); c21.Store(c2 + 16); c22.Store(c2 + 32); c23.Store(c2 + 48);
        c30.Store(c3); c31.Store(c3 + 16); c32.Store(c3 + 32); c33.Store(c3 + 48);
    }

    /// <summary>An accumulator's start: C's values when adding to them, zero when overwriting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Start(float* c, bool load) => load ? Vector512.Load(c) : Vector512<float>.Zero;

    /// <summary>The 16-column edge of <see cref="BroadcastTile4x64"/>.</summary>
    private static void BroadcastTile4x16(float* a, int aRowStride, int aColumnStride, float* b, float* c, int ld, int k, bool load)
    {
        float* c1 = c + ld, c2 = c1 + ld, c3 = c2 + ld;
        Vector512<float> c0v = Start(c, load), c1v = Start(c1, load), c2v = Start(c2, load), c3v = Start(c3, load);
        for (int s = 0; s < k; s++)
        {
            Vector512<float> w = Vector512.Load(b + (long)s * ld);
            float* column = a + (long)s * aColumnStride;
            c0v = Avx512F.FusedMultiplyAdd(Vector512.Create(column[0]), w, c0v);
            c1v = Avx512F.FusedMultiplyAdd(Vector512.Create(column[aRowStride]), w, c1v);
            c2v = Avx512F.FusedMultiplyAdd(Vector512.Create(column[2 * aRowStride]), w, c2v);
            c3v = Avx512F.FusedMultiplyAdd(Vector512.Create(column[3 * aRowStride]), w, c3v);
        }
        c0v.Store(c); c1v.Store(c1); c2v.Store(c2); c3v.Store(c3);
    }
}
