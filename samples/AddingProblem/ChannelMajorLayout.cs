using System;

/// <summary>
/// The layout of a Conv1D network, channels × steps: the values in one row and the markers in the other (the
/// step-major pairs transposed), over a fixed number of positions. A shorter sequence is right-aligned after zeros, so
/// its last step is always at the last position, where a causal network's output has seen the whole sequence.
/// </summary>
public sealed class ChannelMajorLayout
{
    private readonly float[] _input;

    /// <summary>A layout of <paramref name="steps"/> positions.</summary>
    public ChannelMajorLayout(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
        _input = new float[AddingTask.PairSize * steps];
    }

    /// <summary>Positions per channel.</summary>
    public int Steps { get; }

    /// <summary>The sequence in this layout, in a buffer reused by the next call.</summary>
    public ReadOnlySpan<float> Arrange(ReadOnlySpan<float> pairs, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Steps);
        Array.Clear(_input);
        int start = Steps - length;
        for (int t = 0; t < length; t++)
            for (int c = 0; c < AddingTask.PairSize; c++)
                _input[c * Steps + start + t] = pairs[t * AddingTask.PairSize + c];
        return _input;
    }
}
