using System;

namespace NetGen;

/// <summary>Argument checks for the row-major blocks (one sample per row) that the pre-training types read and write.</summary>
internal static class Rows
{
    /// <summary>Throws unless <paramref name="count"/> is positive and <paramref name="length"/> is exactly <paramref name="count"/> rows of <paramref name="width"/>.</summary>
    public static void Check(int length, int width, int count, string name)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be positive.");
        if (length != count * width)
            throw new ArgumentException($"Expected {Counted.Values(count * width)} ({Counted.Of(count, "row")} of {width}), got {length}.", name);
    }

    /// <summary>The number of whole rows of <paramref name="width"/> in <paramref name="length"/> values; throws when there are none or a partial one.</summary>
    public static int Count(int length, int width, string name)
    {
        if (length == 0 || length % width != 0)
            throw new ArgumentException($"Expected a positive multiple of {Counted.Values(width)} (whole rows), got {length}.", name);
        return length / width;
    }

    /// <summary>Copies the rows at <paramref name="indices"/> of <paramref name="source"/> into consecutive rows of <paramref name="destination"/>.</summary>
    public static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (int i = 0; i < indices.Length; i++)
            source.Slice(indices[i] * width, width).CopyTo(destination.Slice(i * width, width));
    }

    /// <summary>The first <paramref name="length"/> values of <paramref name="buffer"/>, replaced by a larger array first when it is too short.</summary>
    public static Span<float> Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}
