using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// What the code generated for <c>[Network(Weights = "…")]</c> calls to put the compiled-in weights in place: not
/// meant to be called by hand. See docs/compiled-weights.md.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompiledWeights
{
    /// <summary>
    /// Decodes <paramref name="base64"/> (a tensor's float32 values as little-endian bytes, in base64 with line breaks,
    /// as the generator writes them into the assembly's constant data) into <paramref name="destination"/>, on any
    /// machine's byte order. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The data is not base64 of exactly <paramref name="destination"/>'s length in floats (generated code was edited).</exception>
    public static void Decode(ReadOnlySpan<byte> base64, Span<float> destination)
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        OperationStatus status = Base64.DecodeFromUtf8(base64, bytes, out _, out int written);
        if (status != OperationStatus.Done || written != bytes.Length)
            throw new ArgumentException($"The compiled-in data is not base64 of {Counted.Values(destination.Length)} ({status}, {Counted.Of(written, "byte")} decoded).", nameof(base64));
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
