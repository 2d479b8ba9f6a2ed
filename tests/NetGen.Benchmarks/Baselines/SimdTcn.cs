using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// Hand-written SIMD twin of <see cref="DilatedTcn"/>'s forward pass, the fastest plain C# I could write for this shape
/// (RTNeural's form of a Conv1D: vectorised over the output channels, weights pre-transposed).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Activations are time-major, <c>[time, 16 channels]</c>: one time step of one layer is one zmm register. Each
/// buffer starts with <see cref="Pad"/> rows of zeros (the causal padding of the widest layer, 2·8), so no tap tests
/// whether it reads before t = 0.</item>
/// <item>Weights are transposed once at load to <c>[tap, in channel, out channel]</c>: the 16 output channels' weights
/// for one (tap, input channel) are one aligned vector.</item>
/// <item>Each layer runs in blocks of 8 time steps: 8 zmm accumulators started from the bias; for every (tap, input
/// channel) one weight vector is loaded and multiplied with 8 broadcast inputs (8 FMAs per weight load, no horizontal
/// sum), then tanh on the vectors and one aligned store per step. The 31-step window runs as 4 blocks, 32 steps: step
/// 31 lies past the window and, the layers being causal, no step inside it reads it.</item>
/// <item>The 1×1 output layer is 16 dot products of 16 channels at a time, reduced together by
/// <see cref="SimdDot.Rows16"/>'s transposing tree.</item>
/// <item>Sizes and dilations are constants (dilation as a type argument); every buffer is 64-byte aligned; 0 B per call.</item>
/// </list>
/// Without AVX-512 the same in ymm registers, the 16 channels in two halves of 8; without AVX2 and FMA, scalar loops
/// over the same layout.
/// </remarks>
public sealed class SimdTcn
{
    private const int Length = DilatedTcn.Window, Channels = 16, Kernel = 3, Layers = 4;
    /// <summary>Steps computed: whole blocks of 8 covering the window.</summary>
    private const int Rows = (Length + 7) / 8 * 8;
    /// <summary>Zero rows before t = 0: the farthest reach back, (Kernel − 1)·8.</summary>
    private const int Pad = (Kernel - 1) * 8;
    private const int Buffer = (Pad + Rows) * Channels;

    private readonly AlignedFloats _x = new(Pad + Rows); // the input, one channel
    private readonly AlignedFloats[] _h = [new(Buffer), new(Buffer), new(Buffer), new(Buffer)];
    private readonly AlignedFloats _firstWeights = new(Kernel * Channels); // [tap, out]
    private readonly AlignedFloats[] _weights = [new(0), new(Kernel * Channels * Channels), new(Kernel * Channels * Channels), new(Kernel * Channels * Channels)]; // [tap, in, out]
    private readonly AlignedFloats _biases = new(Layers * Channels), _outWeight = new(Channels), _outputs = new(Rows), _zeros = new(Channels);
    private float _outBias;

    /// <summary>Copies parameters in NetGen's layout (per layer W <c>[out, in, tap]</c>, then b) in, transposing the weights.</summary>
    public void LoadParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != PlainTcn.ParameterCount) throw new ArgumentException($"Expected {PlainTcn.ParameterCount} parameters.", nameof(parameters));
        int offset = 0;
        Span<float> biases = _biases.Span;
        for (int layer = 0; layer < Layers; layer++)
        {
            int inputs = layer == 0 ? 1 : Channels;
            Span<float> transposed = layer == 0 ? _firstWeights.Span : _weights[layer].Span;
            for (int o = 0; o < Channels; o++)
                for (int c = 0; c < inputs; c++)
                    for (int k = 0; k < Kernel; k++)
                        transposed[(k * inputs + c) * Channels + o] = parameters[offset + (o * inputs + c) * Kernel + k];
            offset += Channels * inputs * Kernel;
            parameters.Slice(offset, Channels).CopyTo(biases.Slice(layer * Channels));
            offset += Channels;
        }
        parameters.Slice(offset, Channels).CopyTo(_outWeight.Span);
        _outBias = parameters[offset + Channels];
    }

    /// <summary>One window of <see cref="DilatedTcn.Window"/> samples in, one output per time step out.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // as the other hand baselines: inlined into a caller, the accumulators may spill
    public void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != Length) throw new ArgumentException($"Expected {Length} values.", nameof(input));
        if (output.Length != Length) throw new ArgumentException($"Expected {Length} outputs.", nameof(output));
        input.CopyTo(_x.Span.Slice(Pad, Length));
        ref float b = ref _biases.Ref;
        ref float h1 = ref _h[0].Ref, h2 = ref _h[1].Ref, h3 = ref _h[2].Ref, h4 = ref _h[3].Ref;
        if (Avx512F.IsSupported)
        {
            for (int t = 0; t < Rows; t += 8)
                First512(ref Unsafe.Add(ref _x.Ref, Pad + t), ref _firstWeights.Ref, ref b, ref Unsafe.Add(ref h1, (Pad + t) * Channels));
            for (int t = 0; t < Rows; t += 8)
                Hidden512<N2>(ref Unsafe.Add(ref h1, (Pad + t) * Channels), ref _weights[1].Ref, ref Unsafe.Add(ref b, Channels), ref Unsafe.Add(ref h2, (Pad + t) * Channels));
            for (int t = 0; t < Rows; t += 8)
                Hidden512<N4>(ref Unsafe.Add(ref h2, (Pad + t) * Channels), ref _weights[2].Ref, ref Unsafe.Add(ref b, 2 * Channels), ref Unsafe.Add(ref h3, (Pad + t) * Channels));
            for (int t = 0; t < Rows; t += 8)
                Hidden512<N8>(ref Unsafe.Add(ref h3, (Pad + t) * Channels), ref _weights[3].Ref, ref Unsafe.Add(ref b, 3 * Channels), ref Unsafe.Add(ref h4, (Pad + t) * Channels));
            Vector512<float> bias = Vector512.Create(_outBias);
            ref float zeros = ref _zeros.Ref;
            for (int t = 0; t < Rows; t += 16)
                (SimdDot.Rows16<N16, N0>(ref Unsafe.Add(ref h4, (Pad + t) * Channels), ref _outWeight.Ref, ref zeros, ref zeros) + bias)
                    .StoreUnsafe(ref Unsafe.Add(ref _outputs.Ref, t));
        }
        else if (Avx2.IsSupported && Fma.IsSupported)
        {
            for (int half = 0; half < Channels; half += 8)
            {
                for (int t = 0; t < Rows; t += 8)
                    First256(ref Unsafe.Add(ref _x.Ref, Pad + t), ref Unsafe.Add(ref _firstWeights.Ref, half), ref Unsafe.Add(ref b, half), ref Unsafe.Add(ref h1, (Pad + t) * Channels + half));
            }
            for (int half = 0; half < Channels; half += 8)
                for (int t = 0; t < Rows; t += 8)
                    Hidden256<N2>(ref Unsafe.Add(ref h1, (Pad + t) * Channels), ref Unsafe.Add(ref _weights[1].Ref, half), ref Unsafe.Add(ref b, Channels + half), ref Unsafe.Add(ref h2, (Pad + t) * Channels + half));
            for (int half = 0; half < Channels; half += 8)
                for (int t = 0; t < Rows; t += 8)
                    Hidden256<N4>(ref Unsafe.Add(ref h2, (Pad + t) * Channels), ref Unsafe.Add(ref _weights[2].Ref, half), ref Unsafe.Add(ref b, 2 * Channels + half), ref Unsafe.Add(ref h3, (Pad + t) * Channels + half));
            for (int half = 0; half < Channels; half += 8)
                for (int t = 0; t < Rows; t += 8)
                    Hidden256<N8>(ref Unsafe.Add(ref h3, (Pad + t) * Channels), ref Unsafe.Add(ref _weights[3].Ref, half), ref Unsafe.Add(ref b, 3 * Channels + half), ref Unsafe.Add(ref h4, (Pad + t) * Channels + half));
            Vector256<float> bias = Vector256.Create(_outBias);
            ref float zeros = ref _zeros.Ref;
            for (int t = 0; t < Rows; t += 8)
                (SimdDot.Rows8<N16, N0>(ref Unsafe.Add(ref h4, (Pad + t) * Channels), ref _outWeight.Ref, ref zeros, ref zeros) + bias)
                    .StoreUnsafe(ref Unsafe.Add(ref _outputs.Ref, t));
        }
        else
        {
            Scalar();
        }
        _outputs.Span[..Length].CopyTo(output);
    }

    /// <summary>Layer 1 (one input channel, dilation 1) for steps t..t+7: <paramref name="x"/> is step t of the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void First512(ref float x, ref float w, ref float b, ref float y)
    {
        Vector512<float> bias = Vector512.LoadUnsafe(ref b);
        Vector512<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        for (int k = 0; k < Kernel; k++)
        {
            Vector512<float> wk = Vector512.LoadUnsafe(ref Unsafe.Add(ref w, k * Channels));
            ref float s = ref Unsafe.Add(ref x, k - (Kernel - 1));
            a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(s), wk, a0);
            a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 1)), wk, a1);
            a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 2)), wk, a2);
            a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 3)), wk, a3);
            a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 4)), wk, a4);
            a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 5)), wk, a5);
            a6 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 6)), wk, a6);
            a7 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 7)), wk, a7);
        }
        Store8(ref y, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>
    /// A 16 → 16 layer of dilation <typeparamref name="TD"/> for steps t..t+7: <paramref name="x"/> is row t of the
    /// layer's input, <paramref name="y"/> row t of its output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hidden512<TD>(ref float x, ref float w, ref float b, ref float y) where TD : ISize
    {
        Vector512<float> bias = Vector512.LoadUnsafe(ref b);
        Vector512<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        for (int k = 0; k < Kernel; k++)
        {
            ref float row = ref Unsafe.Add(ref x, (k - (Kernel - 1)) * TD.Value * Channels);
            ref float wk = ref Unsafe.Add(ref w, k * Channels * Channels);
            for (int c = 0; c < Channels; c++)
            {
                Vector512<float> wc = Vector512.LoadUnsafe(ref Unsafe.Add(ref wk, c * Channels));
                ref float s = ref Unsafe.Add(ref row, c);
                a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(s), wc, a0);
                a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, Channels)), wc, a1);
                a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 2 * Channels)), wc, a2);
                a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 3 * Channels)), wc, a3);
                a4 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 4 * Channels)), wc, a4);
                a5 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 5 * Channels)), wc, a5);
                a6 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 6 * Channels)), wc, a6);
                a7 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 7 * Channels)), wc, a7);
            }
        }
        Store8(ref y, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>tanh of 8 steps' accumulators, stored as rows 16 floats apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(ref float y, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3,
        Vector512<float> a4, Vector512<float> a5, Vector512<float> a6, Vector512<float> a7)
    {
        SimdMath.Tanh(a0).StoreUnsafe(ref y);
        SimdMath.Tanh(a1).StoreUnsafe(ref Unsafe.Add(ref y, Channels));
        SimdMath.Tanh(a2).StoreUnsafe(ref Unsafe.Add(ref y, 2 * Channels));
        SimdMath.Tanh(a3).StoreUnsafe(ref Unsafe.Add(ref y, 3 * Channels));
        SimdMath.Tanh(a4).StoreUnsafe(ref Unsafe.Add(ref y, 4 * Channels));
        SimdMath.Tanh(a5).StoreUnsafe(ref Unsafe.Add(ref y, 5 * Channels));
        SimdMath.Tanh(a6).StoreUnsafe(ref Unsafe.Add(ref y, 6 * Channels));
        SimdMath.Tanh(a7).StoreUnsafe(ref Unsafe.Add(ref y, 7 * Channels));
    }

    /// <summary><see cref="First512"/> for one half (8 output channels) in ymm registers; w, b and y point at the half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void First256(ref float x, ref float w, ref float b, ref float y)
    {
        Vector256<float> bias = Vector256.LoadUnsafe(ref b);
        Vector256<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        for (int k = 0; k < Kernel; k++)
        {
            Vector256<float> wk = Vector256.LoadUnsafe(ref Unsafe.Add(ref w, k * Channels));
            ref float s = ref Unsafe.Add(ref x, k - (Kernel - 1));
            a0 = Fma.MultiplyAdd(Vector256.Create(s), wk, a0);
            a1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 1)), wk, a1);
            a2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 2)), wk, a2);
            a3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 3)), wk, a3);
            a4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 4)), wk, a4);
            a5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 5)), wk, a5);
            a6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 6)), wk, a6);
            a7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 7)), wk, a7);
        }
        Store8(ref y, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary><see cref="Hidden512{TD}"/> for one half (8 output channels) in ymm registers; w, b and y point at the half, x at row t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hidden256<TD>(ref float x, ref float w, ref float b, ref float y) where TD : ISize
    {
        Vector256<float> bias = Vector256.LoadUnsafe(ref b);
        Vector256<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        for (int k = 0; k < Kernel; k++)
        {
            ref float row = ref Unsafe.Add(ref x, (k - (Kernel - 1)) * TD.Value * Channels);
            ref float wk = ref Unsafe.Add(ref w, k * Channels * Channels);
            for (int c = 0; c < Channels; c++)
            {
                Vector256<float> wc = Vector256.LoadUnsafe(ref Unsafe.Add(ref wk, c * Channels));
                ref float s = ref Unsafe.Add(ref row, c);
                a0 = Fma.MultiplyAdd(Vector256.Create(s), wc, a0);
                a1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, Channels)), wc, a1);
                a2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 2 * Channels)), wc, a2);
                a3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 3 * Channels)), wc, a3);
                a4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 4 * Channels)), wc, a4);
                a5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 5 * Channels)), wc, a5);
                a6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 6 * Channels)), wc, a6);
                a7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref s, 7 * Channels)), wc, a7);
            }
        }
        Store8(ref y, a0, a1, a2, a3, a4, a5, a6, a7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(ref float y, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7)
    {
        SimdMath.Tanh(a0).StoreUnsafe(ref y);
        SimdMath.Tanh(a1).StoreUnsafe(ref Unsafe.Add(ref y, Channels));
        SimdMath.Tanh(a2).StoreUnsafe(ref Unsafe.Add(ref y, 2 * Channels));
        SimdMath.Tanh(a3).StoreUnsafe(ref Unsafe.Add(ref y, 3 * Channels));
        SimdMath.Tanh(a4).StoreUnsafe(ref Unsafe.Add(ref y, 4 * Channels));
        SimdMath.Tanh(a5).StoreUnsafe(ref Unsafe.Add(ref y, 5 * Channels));
        SimdMath.Tanh(a6).StoreUnsafe(ref Unsafe.Add(ref y, 6 * Channels));
        SimdMath.Tanh(a7).StoreUnsafe(ref Unsafe.Add(ref y, 7 * Channels));
    }

    /// <summary>The same layout and order of operations in scalar loops (no AVX2).</summary>
    private void Scalar()
    {
        Span<float> x = _x.Span, biases = _biases.Span, outputs = _outputs.Span, outWeight = _outWeight.Span;
        for (int layer = 0; layer < Layers; layer++)
        {
            int inputs = layer == 0 ? 1 : Channels, dilation = 1 << layer;
            Span<float> source = layer == 0 ? x : _h[layer - 1].Span, w = layer == 0 ? _firstWeights.Span : _weights[layer].Span, y = _h[layer].Span;
            for (int t = 0; t < Rows; t++)
                for (int o = 0; o < Channels; o++)
                {
                    float sum = biases[layer * Channels + o];
                    for (int k = 0; k < Kernel; k++)
                        for (int c = 0; c < inputs; c++)
                            sum = MathF.FusedMultiplyAdd(source[(Pad + t - (Kernel - 1 - k) * dilation) * inputs + c], w[(k * inputs + c) * Channels + o], sum);
                    y[(Pad + t) * Channels + o] = SimdMath.Tanh(sum);
                }
        }
        Span<float> h4 = _h[Layers - 1].Span;
        for (int t = 0; t < Rows; t++)
        {
            float sum = 0f;
            for (int c = 0; c < Channels; c++) sum += h4[(Pad + t) * Channels + c] * outWeight[c];
            outputs[t] = sum + _outBias;
        }
    }
}
