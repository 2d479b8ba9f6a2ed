using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Numerics;

/// <summary>
/// Matrix products for batched training, in the orientations a dense layer with PyTorch's <c>[out, in]</c>
/// weights needs: Z = X·Wᵀ forward, ∇W = δᵀ·X and dX = δ·W backward. Row-major throughout. Large products
/// are split in two between the calling thread and <see cref="SecondCore"/>; each element is computed by
/// the same sequence of operations either way, so results do not depend on the split.
/// </summary>
public static unsafe class Gemm
{
    /// <summary>
    /// Products of at least this many multiply-adds are shared with the second core: below it, waking the
    /// worker (about a microsecond when it is spinning, tens when it sleeps) costs more than it saves.
    /// </summary>
    public const long ParallelThreshold = 1L << 19;

    /// <summary>C[m×n] += A[m×k]·Bᵀ for a row-major B of n rows and k columns (Z += X·Wᵀ with W as <c>[out, in]</c>).</summary>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    public static void MultiplyTransposedAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        CheckSizes(m, k, n);
        CheckLength(a.Length, (long)m * k, nameof(a));
        CheckLength(b.Length, (long)n * k, nameof(b));
        CheckLength(c.Length, (long)m * n, nameof(c));
        if (m == 0 || n == 0 || k == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
            Run(new GemmJob(GemmKind.TransposedB, pa, k, 1, pb, pc, m, k, n));
    }

    /// <summary>
    /// C[m×n] += A·B for a row-major B of k rows and n columns, where A's element (r, s) is
    /// <c>a[r·aRowStride + s·aColumnStride]</c>: strides (k, 1) for a row-major A, (1, m) for the transpose of a
    /// row-major <c>[k, m]</c> matrix (∇W += δᵀ·X reads δ as <c>[batch, out]</c> this way).
    /// </summary>
    /// <remarks>
    /// With <paramref name="accumulate"/> false, C = A·B instead: each thread clears its own rows of C just before it
    /// computes them, so a gradient written this way needs no zeroing pass that would pull it into another core's cache.
    /// With a non-empty <paramref name="updated"/> (the weights whose gradient C is), each thread then applies
    /// updated = <paramref name="decay"/>·updated + <paramref name="scale"/>·C to its own rows while they are still in its
    /// cache: plain SGD (and its weight decay) fused into the product, with the bits of
    /// <see cref="Kernels.MultiplyAdd(Span{float}, ReadOnlySpan{float}, float, float)"/> afterwards.
    /// </remarks>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or a stride is not positive.</exception>
    public static void MultiplyAdd(ReadOnlySpan<float> a, int aRowStride, int aColumnStride, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate = true, Span<float> updated = default, float scale = 0f, float decay = 1f)
    {
        CheckSizes(m, k, n);
        if (aRowStride <= 0) throw new ArgumentOutOfRangeException(nameof(aRowStride), aRowStride, "Must be positive.");
        if (aColumnStride <= 0) throw new ArgumentOutOfRangeException(nameof(aColumnStride), aColumnStride, "Must be positive.");
        CheckLength(c.Length, (long)m * n, nameof(c));
        if (!updated.IsEmpty) CheckLength(updated.Length, (long)m * n, nameof(updated));
        if (m == 0 || n == 0 || k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            if (!updated.IsEmpty) Kernels.MultiplyAdd(updated[..(m * n)], c, scale, decay);
            return;
        }
        CheckLength(a.Length, (long)(m - 1) * aRowStride + (long)(k - 1) * aColumnStride + 1, nameof(a));
        CheckLength(b.Length, (long)k * n, nameof(b));
        fixed (float* pa = a, pb = b, pc = c, pu = updated)
            Run(new GemmJob(GemmKind.StridedA, pa, aRowStride, aColumnStride, pb, pc, m, k, n, accumulate: accumulate, updated: pu, scale: scale, decay: decay));
    }

    /// <summary>destination[j] += Σ_r matrix[r, j] for a row-major matrix of destination.Length columns (a bias gradient over a batch).</summary>
    /// <exception cref="ArgumentException">The matrix does not hold whole rows of destination.Length values.</exception>
    public static void AddColumnSums(ReadOnlySpan<float> matrix, Span<float> destination)
    {
        int columns = destination.Length;
        if (columns == 0 || matrix.Length % columns != 0)
            throw new ArgumentException($"Expected whole rows of {Counted.Values(columns)}, got {Counted.Values(matrix.Length)}.", nameof(matrix));
        for (int row = 0; row < matrix.Length; row += columns)
            Kernels.MultiplyAdd(destination, matrix.Slice(row, columns), 1f);
    }

    /// <summary>Copies <paramref name="row"/> into every row of <paramref name="matrix"/> (a bias, before Z += X·Wᵀ).</summary>
    /// <exception cref="ArgumentException">The matrix does not hold whole rows of row.Length values.</exception>
    public static void BroadcastRows(ReadOnlySpan<float> row, Span<float> matrix)
    {
        int columns = row.Length;
        if (columns == 0 || matrix.Length % columns != 0)
            throw new ArgumentException($"Expected whole rows of {Counted.Values(columns)}, got {Counted.Values(matrix.Length)}.", nameof(matrix));
        for (int start = 0; start < matrix.Length; start += columns) row.CopyTo(matrix.Slice(start, columns));
    }

    /// <summary>
    /// The caller's share of a shared product, in 64ths of its extent. It starts at a half and moves by 1/64 after every
    /// shared product towards the split where neither thread waits for the other: the two virtual CPUs here do not run
    /// equally fast (the worker also starts a little later), and a fixed half left the caller waiting. One share for
    /// every product, so that a layer's forward product and its ∇W product cut W at the same row and each core keeps
    /// reading and updating the same rows. Updated without a lock: a lost update only delays the balancing by one product.
    /// </summary>
    private static int s_callerShare = 32;

    /// <summary>Runs a product, sharing part of it with the second core when it is large and the core is free.</summary>
    private static void Run(in GemmJob job)
    {
        long work = (long)job.M * job.K * job.N;
        int share = s_callerShare;
        int split = job.SplitPoint(share);
        if (work >= ParallelThreshold && split > 0 && split < job.Extent && SecondCore.TryStart(job.Part(split, job.Extent)))
        {
            bool callerWaited;
            try
            {
                job.Part(0, split).Execute();
            }
            finally
            {
                callerWaited = SecondCore.Wait(); // also on failure: the worker's part reads memory pinned only until we return
            }
            s_callerShare = Math.Clamp(share + (callerWaited ? 1 : -1), 16, 48);
            return;
        }
        job.Execute();
    }

    private static void CheckSizes(int m, int k, int n)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "Must not be negative.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "Must not be negative.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Must not be negative.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLength(int length, long needed, string name)
    {
        if (length < needed) throw new ArgumentException($"Expected at least {Counted.Values(needed)} for this matrix, got {length}.", name);
    }
}

/// <summary>Which product a <see cref="GemmJob"/> computes.</summary>
internal enum GemmKind
{
    /// <summary>C += A·Bᵀ, B stored as <c>[n, k]</c>.</summary>
    TransposedB,

    /// <summary>C += A·B with A read through strides, B stored as <c>[k, n]</c>.</summary>
    StridedA,
}

/// <summary>
/// One product over pinned memory, as plain pointers so that half of it can be handed to another thread.
/// <see cref="LeadingDimension"/> is the row length of B (for StridedA) and C, which stays n when the job is cut
/// into parts.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly unsafe struct GemmJob(GemmKind kind, float* a, int aRowStride, int aColumnStride, float* b, float* c, int m, int k, int n,
    int leadingDimension = 0, bool accumulate = true, float* updated = null, float scale = 0f, float decay = 1f)
{
    public readonly GemmKind Kind = kind;
    public readonly float* A = a, B = b, C = c;
    public readonly int ARowStride = aRowStride, AColumnStride = aColumnStride, M = m, K = k, N = n;
    public readonly int LeadingDimension = leadingDimension == 0 ? n : leadingDimension;
    public readonly bool Accumulate = accumulate;

    /// <summary>StridedA only: when not null, a matrix laid out as C that becomes <see cref="Decay"/>·itself + <see cref="Scale"/>·C once C is done.</summary>
    public readonly float* Updated = updated;
    public readonly float Scale = scale, Decay = decay;

    /// <summary>
    /// The dimension shared between two threads: the rows of W for Z = X·Wᵀ (C's columns), the rows of C for
    /// C += A·B (∇W's rows, or a batch's rows). Either way each thread owns a contiguous block of the weights or of
    /// their gradient, so less of it moves between the cores' caches from one product to the next.
    /// </summary>
    public int Extent => Kind == GemmKind.TransposedB ? N : M;

    /// <summary>Where to cut <see cref="Extent"/> to give the caller <paramref name="share"/>/64 of it (a multiple of the 4-row tiles); 0 when it is too small to share.</summary>
    public int SplitPoint(int share) => (int)((long)Extent * share / 64) / 4 * 4;

    /// <summary>The same product restricted to [from, to) of <see cref="Extent"/>.</summary>
    public GemmJob Part(int from, int to) => Kind == GemmKind.TransposedB
        ? new(Kind, A, ARowStride, AColumnStride, B + (long)from * K, C + from, M, K, to - from, LeadingDimension, Accumulate)
        : new(Kind, A + (long)from * ARowStride, ARowStride, AColumnStride, B, C + (long)from * LeadingDimension, to - from, K, N, LeadingDimension, Accumulate,
            Updated == null ? null : Updated + (long)from * LeadingDimension, Scale, Decay);

    public void Execute()
    {
        if (Kind == GemmKind.TransposedB)
        {
            GemmTiles.TransposedB(this);
            return;
        }
        GemmTiles.StridedA(this);
        if (Updated == null) return;
        for (int row = 0; row < M; row++)
            Kernels.MultiplyAdd(new Span<float>(Updated + (long)row * LeadingDimension, N), new ReadOnlySpan<float>(C + (long)row * LeadingDimension, N), Scale, Decay);
    }
}
