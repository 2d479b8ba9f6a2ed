using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// W1's strongest hand-written forward (32-64-64-8, tanh, tanh, linear) for inference: every weight matrix packed
/// once, transposed and 64-byte aligned, from the network's PyTorch-layout parameters; each layer is
/// <see cref="BroadcastDense.Forward"/> (inputs broadcast against contiguous output vectors, several accumulator
/// sets, bias and tanh on the accumulators). It keeps only what the next layer reads, not every z and a as a
/// training forward does. Reads the input where it is; 0 B per call.
/// </summary>
public sealed class BroadcastTanhMlp
{
    private const int In = 32, Hidden = 64, Out = 8;
    private const int W1 = 0, B1 = W1 + Hidden * In, W2 = B1 + Hidden, B2 = W2 + Hidden * Hidden, W3 = B2 + Hidden, B3 = W3 + Out * Hidden;

    /// <summary>Number of weights and biases (NetGen's layout).</summary>
    public const int ParameterCount = B3 + Out;

    private readonly AlignedFloats _w1 = new(In * Hidden), _b1 = new(Hidden), _w2 = new(Hidden * Hidden), _b2 = new(Hidden);
    private readonly AlignedFloats _w3 = new(Hidden * BroadcastDense.Stride(Out)), _b3 = new(BroadcastDense.Stride(Out));
    private readonly AlignedFloats _a1 = new(Hidden), _a2 = new(Hidden), _y = new(BroadcastDense.Stride(Out));

    /// <summary>Packs parameters in NetGen's (PyTorch's) layout: W [out, in] transposed to [in, out].</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        BroadcastDense.PackTransposed(parameters.Slice(W1, Hidden * In), Hidden, In, _w1.Span);
        BroadcastDense.PackTransposed(parameters.Slice(W2, Hidden * Hidden), Hidden, Hidden, _w2.Span);
        BroadcastDense.PackTransposed(parameters.Slice(W3, Out * Hidden), Out, Hidden, _w3.Span);
        parameters.Slice(B1, Hidden).CopyTo(_b1.Span);
        parameters.Slice(B2, Hidden).CopyTo(_b2.Span);
        parameters.Slice(B3, Out).CopyTo(_b3.Span);
    }

    /// <summary>One sample forward.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot: inlined into a caller, the accumulators can end up on the stack
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != In || output.Length != Out) throw new ArgumentException($"Expected {In} inputs and {Out} outputs.");
        ref float x = ref MemoryMarshal.GetReference(input);
        BroadcastDense.Forward<N32, N64, SimdTanh>(ref _w1.Ref, ref _b1.Ref, ref x, ref _a1.Ref);
        BroadcastDense.Forward<N64, N64, SimdTanh>(ref _w2.Ref, ref _b2.Ref, ref _a1.Ref, ref _a2.Ref);
        BroadcastDense.Forward<N64, N8, SimdLinear>(ref _w3.Ref, ref _b3.Ref, ref _a2.Ref, ref _y.Ref);
        Vector256.LoadUnsafe(ref _y.Ref).StoreUnsafe(ref MemoryMarshal.GetReference(output));
    }
}

/// <summary>
/// W2's strongest hand-written forward (784-128-10, ReLU, softmax) for inference, as <see cref="BroadcastTanhMlp"/>:
/// W1ᵀ <c>[784, 128]</c> streamed once with 8 zmm accumulators, W2ᵀ <c>[128, 16]</c> (10 outputs and 6 zero columns)
/// with 8 sets of one zmm, then the softmax on that one vector (NetGen's vectorised exp, padding lanes masked out).
/// Reads the input where it is; 0 B per call.
/// </summary>
public sealed class BroadcastMnistMlp
{
    private const int In = 784, Hidden = 128, Out = 10, OutStride = 16;
    private const int W1 = 0, B1 = W1 + Hidden * In, W2 = B1 + Hidden, B2 = W2 + Out * Hidden;

    /// <summary>Number of weights and biases (NetGen's layout).</summary>
    public const int ParameterCount = B2 + Out;

    private readonly AlignedFloats _w1 = new(In * Hidden), _b1 = new(Hidden), _w2 = new(Hidden * OutStride), _b2 = new(OutStride);
    private readonly AlignedFloats _a1 = new(Hidden), _z = new(OutStride), _y = new(OutStride);

    /// <summary>Packs parameters in NetGen's (PyTorch's) layout: W [out, in] transposed to [in, out].</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != ParameterCount) throw new ArgumentException($"Expected {ParameterCount} parameters.", nameof(parameters));
        BroadcastDense.PackTransposed(parameters.Slice(W1, Hidden * In), Hidden, In, _w1.Span);
        BroadcastDense.PackTransposed(parameters.Slice(W2, Out * Hidden), Out, Hidden, _w2.Span);
        parameters.Slice(B1, Hidden).CopyTo(_b1.Span);
        parameters.Slice(B2, Out).CopyTo(_b2.Span);
    }

    /// <summary>One sample forward; softmax probabilities land in <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see SimdDot
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != In || output.Length != Out) throw new ArgumentException($"Expected {In} inputs and {Out} outputs.");
        BroadcastDense.Forward<N784, N128, SimdRelu>(ref _w1.Ref, ref _b1.Ref, ref MemoryMarshal.GetReference(input), ref _a1.Ref);
        BroadcastDense.Forward<N128, N10, SimdLinear>(ref _w2.Ref, ref _b2.Ref, ref _a1.Ref, ref _z.Ref);
        if (Avx512F.IsSupported)
        {
            // Softmax on the one vector: padding lanes to −∞ for the max, to 0 after the exp.
            Vector512<float> valid = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(Out)).AsSingle();
            Vector512<float> z = Vector512.ConditionalSelect(valid, Vector512.LoadUnsafe(ref _z.Ref), Vector512.Create(float.NegativeInfinity));
            Vector256<float> m8 = Vector256.Max(z.GetLower(), z.GetUpper());
            Vector128<float> m4 = Vector128.Max(m8.GetLower(), m8.GetUpper());
            m4 = Vector128.Max(m4, Sse.Shuffle(m4, m4, 0b01_00_11_10));
            m4 = Vector128.Max(m4, Sse.Shuffle(m4, m4, 0b10_11_00_01));
            Vector512<float> e = NetGen.Numerics.VectorMath.Exp(z - Vector512.Create(m4.ToScalar())) & valid;
            (e * Vector512.Create(1f / Vector512.Sum(e))).StoreUnsafe(ref _y.Ref);
            _y.Span.Slice(0, Out).CopyTo(output);
        }
        else SimdMlp.Softmax(_z.Span.Slice(0, Out), output);
    }
}
