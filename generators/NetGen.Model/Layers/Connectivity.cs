// Shared source (see LayerKindDescriptor.cs).
using System;

namespace NetGen.Model;

/// <summary>
/// How a layer's outputs read its inputs, as channels × positions: each output position of each output channel reads
/// a window of input positions of every input channel (a convolution; all of them for a dense layer, which sees its
/// flattened input as channels at one position), or of its own channel (pooling). The initialisation's fans and the
/// mean-field estimate's forward and backward maps are read from it.
/// </summary>
/// <param name="InChannels">Channels read by each output (a dense layer's inputs, a convolution's input channels; 1 for pooling, which keeps to its channel).</param>
/// <param name="OutChannels">Units, filters, or (pooling) the channels passed through.</param>
/// <param name="Pairs">(output position, window tap) pairs whose tap lands on the input rather than on padding.</param>
/// <param name="InPositions">Positions per input channel.</param>
/// <param name="OutPositions">Positions per output channel.</param>
/// <param name="WindowTaps">Taps of the window (1 for a dense layer; every position for global pooling).</param>
internal readonly record struct Connectivity(int InChannels, int OutChannels, long Pairs, int InPositions, int OutPositions, int WindowTaps)
{
    /// <summary>A dense (or recurrent input) connection: <paramref name="inputs"/> → <paramref name="units"/>, one position.</summary>
    public static Connectivity Dense(int inputs, int units) => new(inputs, units, 1, 1, 1, 1);

    /// <summary>The fan-in the initialisation scales by: input channels × window taps (padding not discounted, as PyTorch).</summary>
    public int FanIn => InChannels * WindowTaps;

    /// <summary>Input values per channel that an output reads, on average over the output positions (taps on padding read nothing).</summary>
    public double ForwardTaps => (double)Pairs / OutPositions;

    /// <summary>Outputs per channel that read an input value, on average over the input positions (kernel taps ÷ stride, less the edges).</summary>
    public double BackwardTaps => (double)Pairs / InPositions;

    /// <summary>
    /// The (output position, window tap) pairs of <paramref name="window"/> over an input of <paramref name="input"/> giving
    /// <paramref name="output"/> (channels first) that land on the input: per axis, counted, then multiplied.
    /// </summary>
    public static long WindowPairs(int[] input, int[] output, Window window)
    {
        long pairs = 1;
        for (int axis = 1; axis < input.Length; axis++)
        {
            bool width = axis == input.Length - 1;
            pairs *= width
                ? AxisPairs(input[axis], output[axis], window.KernelWidth, window.StrideWidth, window.DilationWidth, window.PadLeft)
                : AxisPairs(input[axis], output[axis], window.KernelHeight, window.StrideHeight, window.DilationHeight, window.PadTop);
        }
        return pairs;
    }

    /// <summary>Per tap, the outputs o with 0 ≤ o·stride − padBefore + tap·dilation &lt; length: a range of o, so O(kernel).</summary>
    private static long AxisPairs(int length, int outputs, int kernel, int stride, int dilation, int padBefore)
    {
        long pairs = 0;
        for (int t = 0; t < kernel; t++)
        {
            long offset = (long)t * dilation - padBefore; // o·stride + offset must lie in [0, length)
            long first = Math.Max(0, CeilingDivide(-offset, stride)), last = Math.Min(outputs - 1L, FloorDivide(length - 1 - offset, stride));
            if (last >= first) pairs += last - first + 1;
        }
        return pairs;
    }

    private static long FloorDivide(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);
}
