using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// Hand-written streaming twin of <see cref="DilatedTcn"/>: RTNeural's own form, one new sample per call, each layer
/// keeping its recent inputs in a ring, computing only the newest output step. The fastest plain C# I could write for it.
/// </summary>
/// <remarks>
/// Each layer's ring holds its last 32 input rows, time-major (<c>[32, 16 channels]</c>; 32 ≥ 2·8 + 1, a power of two,
/// so a row is found with a mask). A step writes the new row, then the 16 output channels are one zmm: started from the
/// bias, plus, for each of the 3 taps and 16 input channels, a broadcast input times the pre-transposed weight vector
/// <c>[tap, in, out]</c>, spread over 4 accumulators so the chain of dependent FMAs is 12 long, not 48; tanh on the
/// vector; its result is the next layer's new row. The 1×1 output layer is one multiply and a horizontal sum.
/// 0 B per call. Without AVX-512, scalar loops over the same layout.
/// </remarks>
public sealed class SimdTcnStream
{
    private const int Channels = 16, Kernel = 3, Layers = 4, Ring = 32, Mask = Ring - 1;
    private readonly AlignedFloats _firstRing = new(Ring); // layer 1's one input channel
    private readonly AlignedFloats[] _rings = [new(0), new(Ring * Channels), new(Ring * Channels), new(Ring * Channels)];
    private readonly AlignedFloats _firstWeights = new(Kernel * Channels); // [tap, out]
    private readonly AlignedFloats[] _weights = [new(0), new(Kernel * Channels * Channels), new(Kernel * Channels * Channels), new(Kernel * Channels * Channels)]; // [tap, in, out]
    private readonly AlignedFloats _biases = new(Layers * Channels), _outWeight = new(Channels), _row = new(Channels);
    private float _outBias;
    private int _t;

    /// <summary>Copies parameters in NetGen's layout in, transposing the weights, and starts a new signal.</summary>
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
        Reset();
    }

    /// <summary>Forgets the past: the next step starts a new signal (zeros before it, the causal padding).</summary>
    public void Reset()
    {
        _firstRing.Span.Clear();
        for (int layer = 1; layer < Layers; layer++) _rings[layer].Span.Clear();
        _t = 0;
    }

    /// <summary>Feeds one sample and returns the output at that step.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Step(float sample)
    {
        int t = _t;
        _t = (t + 1) & Mask;
        ref float b = ref _biases.Ref;
        _firstRing.Span[t] = sample;
        if (!Avx512F.IsSupported) return ScalarStep(t);
        // Layer 1: one input channel, dilation 1.
        ref float x = ref _firstRing.Ref, w1 = ref _firstWeights.Ref;
        Vector512<float> acc = Vector512.LoadUnsafe(ref b);
        for (int k = 0; k < Kernel; k++)
            acc = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref x, (t - (Kernel - 1 - k)) & Mask)), Vector512.LoadUnsafe(ref w1, (nuint)(k * Channels)), acc);
        Vector512<float> h = SimdMath.Tanh(acc);
        h = Hidden<N2>(h, _rings[1], ref _weights[1].Ref, ref Unsafe.Add(ref b, Channels), t);
        h = Hidden<N4>(h, _rings[2], ref _weights[2].Ref, ref Unsafe.Add(ref b, 2 * Channels), t);
        h = Hidden<N8>(h, _rings[3], ref _weights[3].Ref, ref Unsafe.Add(ref b, 3 * Channels), t);
        return Vector512.Sum(h * Vector512.LoadUnsafe(ref _outWeight.Ref)) + _outBias;
    }

    /// <summary>A 16 → 16 layer of dilation <typeparamref name="TD"/>: stores its new input row, returns tanh of its newest output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Hidden<TD>(Vector512<float> input, AlignedFloats ring, ref float w, ref float b, int t) where TD : ISize
    {
        ref float rows = ref ring.Ref;
        input.StoreUnsafe(ref rows, (nuint)(t * Channels));
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = Vector512<float>.Zero, a2 = Vector512<float>.Zero, a3 = Vector512<float>.Zero;
        for (int k = 0; k < Kernel; k++)
        {
            ref float row = ref Unsafe.Add(ref rows, ((t - (Kernel - 1 - k) * TD.Value) & Mask) * Channels);
            ref float wk = ref Unsafe.Add(ref w, k * Channels * Channels);
            for (int c = 0; c < Channels; c += 4)
            {
                a0 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, c)), Vector512.LoadUnsafe(ref wk, (nuint)(c * Channels)), a0);
                a1 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, c + 1)), Vector512.LoadUnsafe(ref wk, (nuint)((c + 1) * Channels)), a1);
                a2 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, c + 2)), Vector512.LoadUnsafe(ref wk, (nuint)((c + 2) * Channels)), a2);
                a3 = Avx512F.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref row, c + 3)), Vector512.LoadUnsafe(ref wk, (nuint)((c + 3) * Channels)), a3);
            }
        }
        return SimdMath.Tanh((a0 + a1) + (a2 + a3));
    }

    /// <summary>The same step in scalar loops (no AVX-512).</summary>
    private float ScalarStep(int t)
    {
        Span<float> biases = _biases.Span, row = _row.Span, first = _firstRing.Span, w1 = _firstWeights.Span;
        for (int o = 0; o < Channels; o++)
        {
            float sum = biases[o];
            for (int k = 0; k < Kernel; k++) sum = MathF.FusedMultiplyAdd(first[(t - (Kernel - 1 - k)) & Mask], w1[k * Channels + o], sum);
            row[o] = SimdMath.Tanh(sum);
        }
        for (int layer = 1; layer < Layers; layer++)
        {
            Span<float> ring = _rings[layer].Span, w = _weights[layer].Span;
            row.CopyTo(ring.Slice(t * Channels, Channels));
            int dilation = 1 << layer;
            for (int o = 0; o < Channels; o++)
            {
                float sum = biases[layer * Channels + o];
                for (int k = 0; k < Kernel; k++)
                    for (int c = 0; c < Channels; c++)
                        sum = MathF.FusedMultiplyAdd(ring[((t - (Kernel - 1 - k) * dilation) & Mask) * Channels + c], w[(k * Channels + c) * Channels + o], sum);
                row[o] = SimdMath.Tanh(sum);
            }
        }
        float output = _outBias;
        Span<float> outWeight = _outWeight.Span;
        for (int c = 0; c < Channels; c++) output += row[c] * outWeight[c];
        return output;
    }
}
