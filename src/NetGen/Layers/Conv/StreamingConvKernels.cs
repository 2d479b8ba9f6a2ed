using System;
using System.Numerics.Tensors;

namespace NetGen.Numerics;

/// <summary>
/// A causal, stride-1 Conv1d run one time step at a time, as real-time audio runs a temporal convolution network
/// (RTNeural's use case): each layer keeps the last (kernel − 1)·dilation + 1 input vectors in a ring, and each step
/// computes the one output position that the newest input completes. Zeros in the ring before the first step are the
/// causal padding, so stepping through a signal gives exactly the outputs a Forward over the whole signal gives.
/// </summary>
public static class StreamingConvKernels
{
    /// <summary>Input vectors a layer keeps: the span its kernel covers.</summary>
    public static int HistoryLength(int kernel, int dilation) => (kernel - 1) * dilation + 1;

    /// <summary>
    /// Pushes <paramref name="x"/> (one time step, <paramref name="channels"/> values) into <paramref name="history"/>
    /// and writes z[o] = b[o] + Σ_{c, j} W[o, c, j]·x_{t − (kernel − 1 − j)·dilation}[c] for the newest step t.
    /// </summary>
    /// <param name="x">The layer's input at this step.</param>
    /// <param name="history">The ring of past inputs, <see cref="HistoryLength"/> × channels values, time-major.</param>
    /// <param name="newest">Where the previous step's input is in the ring (advanced here, modulo its length).</param>
    /// <param name="w">The weights, [OutChannels, channels, kernel] as torch.nn.Conv1d stores them.</param>
    /// <param name="b">The bias, one per output channel.</param>
    /// <param name="z">Receives the output channels' pre-activations.</param>
    /// <param name="patch">Workspace of channels × kernel values: the taps gathered in the weights' row order.</param>
    /// <param name="channels">Input channels.</param>
    /// <param name="kernel">Taps of the kernel.</param>
    /// <param name="dilation">Spacing of the taps.</param>
    /// <exception cref="ArgumentException">A size is not positive, or a span is shorter than the sizes say.</exception>
    public static void Step(ReadOnlySpan<float> x, Span<float> history, ref int newest, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z,
        Span<float> patch, int channels, int kernel, int dilation)
    {
        if (channels <= 0 || kernel <= 0 || dilation <= 0)
            throw new ArgumentException($"Channels, kernel and dilation must be positive (got {channels}, {kernel} and {dilation}).");
        int length = HistoryLength(kernel, dilation), outputs = z.Length, taps = channels * kernel;
        SpanLength.AtLeast(x.Length, channels, nameof(x));
        SpanLength.AtLeast(history.Length, (long)length * channels, nameof(history));
        SpanLength.AtLeast(w.Length, (long)outputs * taps, nameof(w));
        SpanLength.AtLeast(b.Length, outputs, nameof(b));
        SpanLength.AtLeast(patch.Length, taps, nameof(patch));
        if ((uint)newest >= (uint)length) throw new ArgumentOutOfRangeException(nameof(newest), newest, $"Must be in [0, {length}).");

        newest = newest + 1 == length ? 0 : newest + 1;
        x[..channels].CopyTo(history.Slice(newest * channels, channels));
        // The taps in the weights' row order (c, j), so that each output is one contiguous dot product.
        for (int j = 0; j < kernel; j++)
        {
            int time = newest - (kernel - 1 - j) * dilation;
            ReadOnlySpan<float> step = history.Slice((time < 0 ? time + length : time) * channels, channels);
            for (int c = 0; c < channels; c++) patch[c * kernel + j] = step[c];
        }
        ReadOnlySpan<float> taps0 = patch[..taps];
        for (int o = 0; o < outputs; o++) z[o] = b[o] + TensorPrimitives.Dot(w.Slice(o * taps, taps), taps0);
    }
}
