using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Serialization;

/// <summary>
/// Reads safetensors data from a stream without trusting its sizes: the header length is checked against the
/// limit and the stream's length before anything is allocated, and only the network's own tensors are read.
/// </summary>
internal static class SafeTensorsReader
{
    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// Reads the 8-byte length and the header, and checks that the header's tensors cover exactly the bytes
    /// after it when <paramref name="available"/> (the bytes from the stream's position to its end) is known.
    /// </summary>
    public static SafeTensorsHeader ReadHeader(Stream stream, long? available)
    {
        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        int read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (read < prefix.Length)
            throw new InvalidDataException($"The file has {Counted.Of(read, "byte")}, too few for the 8-byte header length.");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > SafeTensorsLayout.MaxHeaderLength)
            throw new InvalidDataException($"The header length {length} exceeds the limit of {Counted.Of(SafeTensorsLayout.MaxHeaderLength, "byte")}.");
        if (available - prefix.Length is long afterPrefix && length > (ulong)afterPrefix)
            throw new InvalidDataException($"The header length {length} runs past the end of the file: only {Counted.Of(afterPrefix, "byte")} follow it.");

        SafeTensorsHeader header = SafeTensorsHeader.Parse(ReadHeaderBytes(stream, (int)length));
        if (available - prefix.Length - (long)length is long dataLength)
            SafeTensorsLayout.CheckDataLength(header.Entries, header.DataLength, (ulong)dataLength);
        return header;
    }

    /// <summary>
    /// Reads the data section after <see cref="ReadHeader"/>: decodes each tensor named in <paramref name="targets"/>
    /// into its place in <paramref name="blocks"/> (floats or counters, as the target is) and skips the others.
    /// </summary>
    public static void ReadData(Stream stream, SafeTensorsHeader header, IReadOnlyDictionary<string, NetworkTensor> targets, TensorBlocks blocks)
    {
        var buffer = new byte[ChunkSize];
        foreach (HeaderEntry entry in header.Entries)
        {
            if (!targets.TryGetValue(entry.Name, out NetworkTensor? target))
                Skip(stream, entry.End - entry.Begin, buffer, entry.Name);
            else if (target.IsInteger)
                DecodeIntegers(stream, entry, blocks.Integers(target), buffer);
            else
                Decode(stream, entry, blocks.Floats(target), buffer);
        }
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException("The file has bytes after the last tensor's data.");
    }

    // Chunk by chunk, so that memory use does not grow with the tensor (ChunkSize is a multiple of every element size).
    private static void Decode(Stream stream, HeaderEntry entry, Span<float> values, byte[] buffer)
    {
        int elementSize = SafeTensorsDtype.Bits(entry.Dtype)!.Value / 8;
        for (int first = 0; first < values.Length; first += ChunkSize / elementSize)
        {
            int count = Math.Min(values.Length - first, ChunkSize / elementSize);
            SafeTensorsDtype.Decode(entry.Dtype, Fill(stream, buffer.AsSpan(0, count * elementSize), entry), values.Slice(first, count), entry.Name, first);
        }
    }

    // Counters are scalars: one read.
    private static void DecodeIntegers(Stream stream, HeaderEntry entry, Span<long> values, byte[] buffer)
    {
        int elementSize = SafeTensorsDtype.Bits(entry.Dtype)!.Value / 8;
        SafeTensorsDtype.DecodeIntegers(entry.Dtype, Fill(stream, buffer.AsSpan(0, values.Length * elementSize), entry), values, entry.Name);
    }

    private static Span<byte> Fill(Stream stream, Span<byte> bytes, HeaderEntry entry)
        => stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) == bytes.Length
            ? bytes
            : throw new InvalidDataException($"Tensor '{entry.Name}': the file ends inside its data.");

    // A non-seekable stream has no length to check the header length against: grow the buffer as bytes arrive.
    private static byte[] ReadHeaderBytes(Stream stream, int length)
    {
        var buffer = new byte[Math.Min(length, ChunkSize)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, length));
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0) throw new InvalidDataException($"The file ends {Counted.Of(filled, "byte")} into its {length}-byte header.");
            filled += read;
        }
        return buffer;
    }

    private static void Skip(Stream stream, ulong size, byte[] buffer, string name)
    {
        if (stream.CanSeek)
        {
            stream.Seek((long)size, SeekOrigin.Current); // within the length checked by ReadHeader
            return;
        }
        while (size > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(size, (ulong)buffer.Length));
            if (read == 0) throw new InvalidDataException($"Tensor '{name}': the file ends inside its data.");
            size -= (ulong)read;
        }
    }
}
