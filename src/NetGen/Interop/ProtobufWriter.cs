using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Interop;

/// <summary>
/// Protocol-buffers wire format, the few encodings ONNX needs: varint and fixed32 scalars, length-delimited
/// strings, bytes and nested messages. A nested message is written into its own writer first and then copied
/// in behind its length, so messages are built from the leaves up.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;
    private const int Fixed32WireType = 5;

    private byte[] _buffer = new byte[64];
    private int _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A base-128 varint: seven bits a byte, least significant first, the high bit set on all but the last.</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> bytes = Reserve(10);
        int count = 0;
        while (value >= 0x80)
        {
            bytes[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[count++] = (byte)value;
        _length += count;
    }

    /// <summary>An int64 (or int32, or enum) field; negative values take ten bytes, as protobuf specifies.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        WriteVarint((ulong)value);
    }

    /// <summary>A float field: fixed32, little-endian.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32WireType);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        _length += 4;
    }

    /// <summary>A string field, UTF-8.</summary>
    public void WriteString(int field, string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLengthPrefix(field, byteCount);
        _length += Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteLengthPrefix(field, value.Length);
        value.CopyTo(Reserve(value.Length));
        _length += value.Length;
    }

    /// <summary>A bytes field holding <paramref name="values"/> as little-endian IEEE 754 floats (ONNX <c>raw_data</c>).</summary>
    public void WriteFloatsAsBytes(int field, ReadOnlySpan<float> values)
    {
        int byteCount = checked(values.Length * sizeof(float));
        WriteLengthPrefix(field, byteCount);
        Span<byte> bytes = Reserve(byteCount);
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(i * sizeof(float)), values[i]);
        _length += byteCount;
    }

    /// <summary>The tag and length of a length-delimited field whose <paramref name="length"/> bytes the caller writes next (to a stream).</summary>
    public void WriteLengthPrefix(int field, int length)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)length);
    }

    /// <summary>An embedded message field: the message's bytes behind their length.</summary>
    public void WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message.WrittenSpan);

    /// <summary>Copies the bytes written so far to <paramref name="stream"/>.</summary>
    public void CopyTo(Stream stream) => stream.Write(WrittenSpan);

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)(uint)(field << 3 | wireType));

    /// <summary>Room for <paramref name="count"/> more bytes; the caller advances the length by what it used.</summary>
    private Span<byte> Reserve(int count)
    {
        long needed = (long)_length + count;
        if (needed > Array.MaxLength)
            throw new NotSupportedException($"A protobuf message holds at most {Counted.Of(Array.MaxLength, "byte")}; this one needs {needed}.");
        if (needed > _buffer.Length)
            Array.Resize(ref _buffer, (int)Math.Min(Math.Max(2L * _buffer.Length, needed), Array.MaxLength));
        return _buffer.AsSpan(_length, count);
    }
}
