using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// The hand-written SIMD kernels of a dense layer, the way someone tuning this by hand would write them:
/// explicit <c>Vector512</c> when <see cref="Avx512F.IsSupported"/> (.NET reports
/// <c>Vector512.IsHardwareAccelerated</c> false on CPUs where it prefers 256 bits, but the instructions are
/// there), <c>Vector256</c> + FMA otherwise, scalar tails; sizes as type arguments, so each instantiation
/// has constant trip counts and row offsets. Weights stay NetGen's (PyTorch's) [out, in] row-major.
/// </summary>
public static class SimdMlp
{
    /// <summary>
    /// z = W·x + b, a = φ(z), output-stationary: 16 rows at a time with 16 zmm accumulators (AVX-512), then
    /// 8 rows (ymm result), then single rows; bias and activation applied to the reduced vector before it is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DenseForward<TIn, TOut, TAct>(ref float w, ref float b, ref float x, ref float z, ref float a)
        where TIn : ISize where TOut : ISize where TAct : ISimdActivation
    {
        int inputs = TIn.Value, outputs = TOut.Value, o = 0;
        if (Avx512F.IsSupported)
        {
            for (; o + 16 <= outputs; o += 16)
            {
                Vector512<float> s = SimdDot.Rows16<TIn, N0>(ref Unsafe.Add(ref w, o * inputs), ref x, ref w, ref x) + Vector512.LoadUnsafe(ref b, (nuint)o);
                s.StoreUnsafe(ref z, (nuint)o);
                TAct.Apply(s).StoreUnsafe(ref a, (nuint)o);
            }
        }
        for (; o + 8 <= outputs; o += 8)
        {
            Vector256<float> s = SimdDot.Rows8<TIn, N0>(ref Unsafe.Add(ref w, o * inputs), ref x, ref w, ref x) + Vector256.LoadUnsafe(ref b, (nuint)o);
            s.StoreUnsafe(ref z, (nuint)o);
            TAct.Apply(s).StoreUnsafe(ref a, (nuint)o);
        }
        for (; o < outputs; o++)
        {
            float s = Unsafe.Add(ref b, o) + SimdDot.Row<TIn>(ref Unsafe.Add(ref w, o * inputs), ref x);
            Unsafe.Add(ref z, o) = s;
            Unsafe.Add(ref a, o) = TAct.Apply(s);
        }
    }

    /// <summary>
    /// One online SGD step's backward pass through a dense layer, fused into one sweep over W: with δ this
    /// layer's dL/dz and x its input, ∇b = δ, ∇W = δ·xᵀ (written, not accumulated: the step starts from zero
    /// gradients), W −= lr·∇W, b −= lr·δ, and, when <paramref name="computePrevious"/>, the previous
    /// layer's δ = (Wᵀ·δ) ⊙ φ′ from the weights before their update. The sweep goes down 32-column bands
    /// (two zmm per row), two rows at a time with separate Wᵀ·δ accumulators for even and odd rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DenseBackwardSgd<TIn, TOut, TPrevious>(ref float w, ref float b, ref float gw, ref float gb,
        ref float x, ref float previousZ, ref float delta, ref float previousDelta, bool computePrevious, float learningRate)
        where TIn : ISize where TOut : ISize where TPrevious : ISimdActivation
    {
        int inputs = TIn.Value, outputs = TOut.Value;
        // Biases: ∇b = δ, b −= lr·δ.
        int o = 0;
        if (Avx512F.IsSupported)
        {
            Vector512<float> rate = Vector512.Create(-learningRate);
            for (; o + 16 <= outputs; o += 16)
            {
                Vector512<float> d = Vector512.LoadUnsafe(ref delta, (nuint)o);
                d.StoreUnsafe(ref gb, (nuint)o);
                Avx512F.FusedMultiplyAdd(d, rate, Vector512.LoadUnsafe(ref b, (nuint)o)).StoreUnsafe(ref b, (nuint)o);
            }
        }
        {
            Vector256<float> rate = Vector256.Create(-learningRate);
            for (; o + 8 <= outputs; o += 8)
            {
                Vector256<float> d = Vector256.LoadUnsafe(ref delta, (nuint)o);
                d.StoreUnsafe(ref gb, (nuint)o);
                Vector256.FusedMultiplyAdd(d, rate, Vector256.LoadUnsafe(ref b, (nuint)o)).StoreUnsafe(ref b, (nuint)o);
            }
        }
        for (; o < outputs; o++)
        {
            Unsafe.Add(ref gb, o) = Unsafe.Add(ref delta, o);
            Unsafe.Add(ref b, o) -= learningRate * Unsafe.Add(ref delta, o);
        }

        // Weights, in column bands.
        int i = 0;
        if (Avx512F.IsSupported)
        {
            for (; i + 32 <= inputs; i += 32)
                Band512<TIn, TOut, TPrevious>(i, 2, ref w, ref gw, ref x, ref previousZ, ref delta, ref previousDelta, computePrevious, learningRate);
            if (i + 16 <= inputs)
            {
                Band512<TIn, TOut, TPrevious>(i, 1, ref w, ref gw, ref x, ref previousZ, ref delta, ref previousDelta, computePrevious, learningRate);
                i += 16;
            }
        }
        for (; i + 8 <= inputs; i += 8)
            Band256<TIn, TOut, TPrevious>(i, ref w, ref gw, ref x, ref previousZ, ref delta, ref previousDelta, computePrevious, learningRate);
        for (; i < inputs; i++)
        {
            float xi = Unsafe.Add(ref x, i), sum = 0f;
            for (o = 0; o < outputs; o++)
            {
                ref float wi = ref Unsafe.Add(ref w, o * inputs + i);
                float d = Unsafe.Add(ref delta, o), g = d * xi;
                sum += wi * d;
                Unsafe.Add(ref gw, o * inputs + i) = g;
                wi -= learningRate * g;
            }
            if (computePrevious) Unsafe.Add(ref previousDelta, i) = sum * TPrevious.Derivative(Unsafe.Add(ref previousZ, i), xi);
        }
    }

    // Columns [i0, i0 + 16·vectors) of every row, vectors = 1 or 2 (a constant after inlining).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Band512<TIn, TOut, TPrevious>(int i0, int vectors, ref float w, ref float gw, ref float x, ref float previousZ,
        ref float delta, ref float previousDelta, bool computePrevious, float learningRate)
        where TIn : ISize where TOut : ISize where TPrevious : ISimdActivation
    {
        int inputs = TIn.Value, outputs = TOut.Value;
        Vector512<float> rate = Vector512.Create(-learningRate);
        Vector512<float> x0 = Vector512.LoadUnsafe(ref x, (nuint)i0);
        Vector512<float> x1 = vectors == 2 ? Vector512.LoadUnsafe(ref x, (nuint)(i0 + 16)) : default;
        Vector512<float> even0 = default, even1 = default, odd0 = default, odd1 = default;
        int o = 0;
        for (; o + 2 <= outputs; o += 2)
        {
            nuint rowA = (nuint)(o * inputs + i0), rowB = rowA + (nuint)inputs;
            Vector512<float> dA = Vector512.Create(Unsafe.Add(ref delta, o)), dB = Vector512.Create(Unsafe.Add(ref delta, o + 1));
            Vector512<float> wA0 = Vector512.LoadUnsafe(ref w, rowA), wB0 = Vector512.LoadUnsafe(ref w, rowB);
            if (computePrevious)
            {
                even0 = Avx512F.FusedMultiplyAdd(wA0, dA, even0);
                odd0 = Avx512F.FusedMultiplyAdd(wB0, dB, odd0);
            }
            Vector512<float> gA0 = x0 * dA, gB0 = x0 * dB;
            gA0.StoreUnsafe(ref gw, rowA);
            gB0.StoreUnsafe(ref gw, rowB);
            Avx512F.FusedMultiplyAdd(gA0, rate, wA0).StoreUnsafe(ref w, rowA);
            Avx512F.FusedMultiplyAdd(gB0, rate, wB0).StoreUnsafe(ref w, rowB);
            if (vectors == 2)
            {
                Vector512<float> wA1 = Vector512.LoadUnsafe(ref w, rowA + 16), wB1 = Vector512.LoadUnsafe(ref w, rowB + 16);
                if (computePrevious)
                {
                    even1 = Avx512F.FusedMultiplyAdd(wA1, dA, even1);
                    odd1 = Avx512F.FusedMultiplyAdd(wB1, dB, odd1);
                }
                Vector512<float> gA1 = x1 * dA, gB1 = x1 * dB;
                gA1.StoreUnsafe(ref gw, rowA + 16);
                gB1.StoreUnsafe(ref gw, rowB + 16);
                Avx512F.FusedMultiplyAdd(gA1, rate, wA1).StoreUnsafe(ref w, rowA + 16);
                Avx512F.FusedMultiplyAdd(gB1, rate, wB1).StoreUnsafe(ref w, rowB + 16);
            }
        }
        if (o < outputs)
        {
            nuint rowA = (nuint)(o * inputs + i0);
            Vector512<float> dA = Vector512.Create(Unsafe.Add(ref delta, o));
            for (int v = 0; v < vectors; v++)
            {
                nuint at = rowA + (nuint)(16 * v);
                Vector512<float> wA = Vector512.LoadUnsafe(ref w, at);
                if (computePrevious)
                {
                    if (v == 0) even0 = Avx512F.FusedMultiplyAdd(wA, dA, even0);
                    else even1 = Avx512F.FusedMultiplyAdd(wA, dA, even1);
                }
                Vector512<float> g = (v == 0 ? x0 : x1) * dA;
                g.StoreUnsafe(ref gw, at);
                Avx512F.FusedMultiplyAdd(g, rate, wA).StoreUnsafe(ref w, at);
            }
        }
        if (computePrevious)
        {
            nuint at = (nuint)i0;
            ((even0 + odd0) * TPrevious.Derivative(Vector512.LoadUnsafe(ref previousZ, at), x0)).StoreUnsafe(ref previousDelta, at);
            if (vectors == 2)
                ((even1 + odd1) * TPrevious.Derivative(Vector512.LoadUnsafe(ref previousZ, at + 16), x1)).StoreUnsafe(ref previousDelta, at + 16);
        }
    }

    // Columns [i0, i0 + 8) of every row, ymm (AVX2 path, or the AVX-512 path's last 8 columns).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Band256<TIn, TOut, TPrevious>(int i0, ref float w, ref float gw, ref float x, ref float previousZ,
        ref float delta, ref float previousDelta, bool computePrevious, float learningRate)
        where TIn : ISize where TOut : ISize where TPrevious : ISimdActivation
    {
        int inputs = TIn.Value, outputs = TOut.Value;
        Vector256<float> rate = Vector256.Create(-learningRate);
        Vector256<float> x0 = Vector256.LoadUnsafe(ref x, (nuint)i0);
        Vector256<float> even = default, odd = default;
        int o = 0;
        for (; o + 2 <= outputs; o += 2)
        {
            nuint rowA = (nuint)(o * inputs + i0), rowB = rowA + (nuint)inputs;
            Vector256<float> dA = Vector256.Create(Unsafe.Add(ref delta, o)), dB = Vector256.Create(Unsafe.Add(ref delta, o + 1));
            Vector256<float> wA = Vector256.LoadUnsafe(ref w, rowA), wB = Vector256.LoadUnsafe(ref w, rowB);
            if (computePrevious)
            {
                even = Vector256.FusedMultiplyAdd(wA, dA, even);
                odd = Vector256.FusedMultiplyAdd(wB, dB, odd);
            }
            Vector256<float> gA = x0 * dA, gB = x0 * dB;
            gA.StoreUnsafe(ref gw, rowA);
            gB.StoreUnsafe(ref gw, rowB);
            Vector256.FusedMultiplyAdd(gA, rate, wA).StoreUnsafe(ref w, rowA);
            Vector256.FusedMultiplyAdd(gB, rate, wB).StoreUnsafe(ref w, rowB);
        }
        if (o < outputs)
        {
            nuint rowA = (nuint)(o * inputs + i0);
            Vector256<float> dA = Vector256.Create(Unsafe.Add(ref delta, o));
            Vector256<float> wA = Vector256.LoadUnsafe(ref w, rowA);
            if (computePrevious) even = Vector256.FusedMultiplyAdd(wA, dA, even);
            Vector256<float> g = x0 * dA;
            g.StoreUnsafe(ref gw, rowA);
            Vector256.FusedMultiplyAdd(g, rate, wA).StoreUnsafe(ref w, rowA);
        }
        if (computePrevious)
            ((even + odd) * TPrevious.Derivative(Vector256.LoadUnsafe(ref previousZ, (nuint)i0), x0)).StoreUnsafe(ref previousDelta, (nuint)i0);
    }

    /// <summary>Softmax of <paramref name="z"/> into <paramref name="a"/> (a handful of outputs: scalar, max-shifted).</summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a)
    {
        float max = float.NegativeInfinity;
        for (int o = 0; o < z.Length; o++) max = MathF.Max(max, z[o]);
        float total = 0f;
        for (int o = 0; o < z.Length; o++) total += a[o] = MathF.Exp(z[o] - max);
        float inverse = 1f / total;
        for (int o = 0; o < z.Length; o++) a[o] *= inverse;
    }
}

/// <summary>
/// Hand-written SIMD twin of <see cref="TanhMlp"/> (32-64-64-8, tanh hidden, linear output, MSE, SGD), on
/// <see cref="SimdMlp"/>'s kernels: Forward keeps every z and a, as the generated code does; TrainStep fuses
/// each layer's weight gradient, update and backpropagated δ into one sweep and writes the gradients
/// (NetGen's TrainStep leaves them readable too). Parameters and gradients in NetGen's layout, 64-byte aligned.
/// </summary>
public sealed class SimdTanhMlp
{
    private const int W1 = 0, B1 = 2048, W2 = 2112, B2 = 6208, W3 = 6272, B3 = 6784;

    /// <summary>Number of weights and biases.</summary>
    public const int ParameterCount = 6792;

    private readonly AlignedFloats _parameters = new(ParameterCount), _gradients = new(ParameterCount);
    private readonly AlignedFloats _z1 = new(64), _a1 = new(64), _z2 = new(64), _a2 = new(64), _z3 = new(8), _a3 = new(8);
    private readonly AlignedFloats _d1 = new(64), _d2 = new(64), _d3 = new(8), _x = new(32);

    /// <summary>The parameters, NetGen's layout.</summary>
    public Span<float> Parameters => _parameters.Span;

    /// <summary>The gradients of the last TrainStep, NetGen's layout.</summary>
    public Span<float> Gradients => _gradients.Span;

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters) => parameters.CopyTo(_parameters.Span);

    /// <summary>One sample forward.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the kernels' accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != 32 || output.Length != 8) throw new ArgumentException("Expected 32 inputs and 8 outputs.");
        input.CopyTo(_x.Span);
        ForwardCore();
        _a3.Span.CopyTo(output);
    }

    /// <summary>Forward, MSE, fused backward + SGD update; returns the loss.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the kernels' accumulators can end up on the stack
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate)
    {
        if (input.Length != 32 || target.Length != 8) throw new ArgumentException("Expected 32 inputs and 8 targets.");
        input.CopyTo(_x.Span);
        ForwardCore();

        // Mean squared error on the linear output: δ = dL/dy = 2(y − t)/n.
        ref float y = ref _a3.Ref, d3 = ref _d3.Ref, t = ref MemoryMarshal.GetReference(target);
        Vector256<float> difference = Vector256.LoadUnsafe(ref y) - Vector256.LoadUnsafe(ref t);
        (difference * Vector256.Create(2f / 8f)).StoreUnsafe(ref d3);
        float loss = Vector256.Sum(difference * difference) / 8f;

        ref float p = ref _parameters.Ref, g = ref _gradients.Ref;
        SimdMlp.DenseBackwardSgd<N64, N8, SimdTanh>(ref Unsafe.Add(ref p, W3), ref Unsafe.Add(ref p, B3), ref Unsafe.Add(ref g, W3), ref Unsafe.Add(ref g, B3),
            ref _a2.Ref, ref _z2.Ref, ref d3, ref _d2.Ref, true, learningRate);
        SimdMlp.DenseBackwardSgd<N64, N64, SimdTanh>(ref Unsafe.Add(ref p, W2), ref Unsafe.Add(ref p, B2), ref Unsafe.Add(ref g, W2), ref Unsafe.Add(ref g, B2),
            ref _a1.Ref, ref _z1.Ref, ref _d2.Ref, ref _d1.Ref, true, learningRate);
        SimdMlp.DenseBackwardSgd<N32, N64, SimdLinear>(ref Unsafe.Add(ref p, W1), ref Unsafe.Add(ref p, B1), ref Unsafe.Add(ref g, W1), ref Unsafe.Add(ref g, B1),
            ref _x.Ref, ref _x.Ref, ref _d1.Ref, ref _x.Ref, false, learningRate);
        return loss;
    }

    private void ForwardCore()
    {
        ref float p = ref _parameters.Ref;
        SimdMlp.DenseForward<N32, N64, SimdTanh>(ref Unsafe.Add(ref p, W1), ref Unsafe.Add(ref p, B1), ref _x.Ref, ref _z1.Ref, ref _a1.Ref);
        SimdMlp.DenseForward<N64, N64, SimdTanh>(ref Unsafe.Add(ref p, W2), ref Unsafe.Add(ref p, B2), ref _a1.Ref, ref _z2.Ref, ref _a2.Ref);
        SimdMlp.DenseForward<N64, N8, SimdLinear>(ref Unsafe.Add(ref p, W3), ref Unsafe.Add(ref p, B3), ref _a2.Ref, ref _z3.Ref, ref _a3.Ref);
    }
}

/// <summary>
/// Hand-written SIMD twin of <see cref="MnistMlp"/>'s forward pass (784-128-10, ReLU hidden, softmax output)
/// on <see cref="SimdMlp"/>'s kernels; parameters in NetGen's layout, 64-byte aligned.
/// </summary>
public sealed class SimdMnistMlp
{
    private const int W1 = 0, B1 = 100352, W2 = 100480, B2 = 101760;

    /// <summary>Number of weights and biases.</summary>
    public const int ParameterCount = 101770;

    private readonly AlignedFloats _parameters = new(ParameterCount);
    private readonly AlignedFloats _x = new(784), _z1 = new(128), _a1 = new(128), _z2 = new(10), _a2 = new(10);

    /// <summary>Copies parameters in NetGen's layout in.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters) => parameters.CopyTo(_parameters.Span);

    /// <summary>One sample forward; softmax probabilities land in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the kernels' accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != 784 || output.Length != 10) throw new ArgumentException("Expected 784 inputs and 10 outputs.");
        input.CopyTo(_x.Span);
        ref float p = ref _parameters.Ref;
        SimdMlp.DenseForward<N784, N128, SimdRelu>(ref Unsafe.Add(ref p, W1), ref Unsafe.Add(ref p, B1), ref _x.Ref, ref _z1.Ref, ref _a1.Ref);
        SimdMlp.DenseForward<N128, N10, SimdLinear>(ref Unsafe.Add(ref p, W2), ref Unsafe.Add(ref p, B2), ref _a1.Ref, ref _z2.Ref, ref _z2.Ref);
        SimdMlp.Softmax(_z2.Span, _a2.Span);
        _a2.Span.CopyTo(output);
    }
}
