using System;
using NetGen.Interop;
using Xunit;

namespace NetGen.Onnx.Tests;

/// <summary>The wire format, byte by byte, against values worked out by hand from the protobuf encoding rules.</summary>
public sealed class ProtobufWriterTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    // 300 = 0b10_0101100: low seven bits 0101100 with the continuation bit (0xAC), then 0b10 (0x02).
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    // 2^32 = seven-bit groups 0,0,0,0 then 0b10000: four 0x80 continuation bytes and 0x10.
    [InlineData(4294967296UL, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void VarintsTakeSevenBitsAByteLeastSignificantFirst(ulong value, byte[] expected)
    {
        var writer = new ProtobufWriter();
        writer.WriteVarint(value);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Int64FieldIsTagThenVarint()
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(1, 150);   // tag (1 << 3 | 0) = 0x08; 150 = 0x96 0x01
        writer.WriteInt64(20, 4);    // tag (20 << 3 | 0) = 160 = 0xA0 0x01
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01, 0xA0, 0x01, 0x04 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void NegativeInt64TakesTenBytes()
    {
        var writer = new ProtobufWriter();
        writer.WriteInt64(3, -1);   // two's complement as uint64: 2^64 − 1
        Assert.Equal(new byte[] { 0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void FloatFieldIsFixed32LittleEndian()
    {
        var writer = new ProtobufWriter();
        writer.WriteFloat(2, -2.5f);   // tag (2 << 3 | 5) = 0x15; −2.5f = 0xC0200000
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x20, 0xC0 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void StringIsLengthDelimitedUtf8()
    {
        var writer = new ProtobufWriter();
        writer.WriteString(2, "testing");   // tag (2 << 3 | 2) = 0x12, length 7
        writer.WriteString(4, "σ");          // U+03C3 is two UTF-8 bytes, 0xCF 0x83
        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67, 0x22, 0x02, 0xCF, 0x83 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void LengthOver127TakesATwoByteVarint()
    {
        var writer = new ProtobufWriter();
        writer.WriteBytes(9, new byte[200]);   // tag (9 << 3 | 2) = 0x4A; 200 = 0xC8 0x01
        byte[] written = writer.WrittenSpan.ToArray();
        Assert.Equal(203, written.Length);
        Assert.Equal(new byte[] { 0x4A, 0xC8, 0x01 }, written[..3]);
    }

    [Fact]
    public void FloatsAsBytesAreRawLittleEndianFloats()
    {
        var writer = new ProtobufWriter();
        writer.WriteFloatsAsBytes(9, [1f, -2f]);   // 1f = 0x3F800000, −2f = 0xC0000000
        Assert.Equal(new byte[] { 0x4A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void MessageIsNestedBehindItsLength()
    {
        var inner = new ProtobufWriter();
        inner.WriteInt64(1, 150);
        var outer = new ProtobufWriter();
        outer.WriteMessage(3, inner);   // tag (3 << 3 | 2) = 0x1A, length 3
        Assert.Equal(new byte[] { 0x1A, 0x03, 0x08, 0x96, 0x01 }, outer.WrittenSpan.ToArray());
    }

    [Fact]
    public void BufferGrowsPastItsFirstCapacity()
    {
        var writer = new ProtobufWriter();
        for (int i = 0; i < 1000; i++) writer.WriteVarint(300);
        byte[] written = writer.WrittenSpan.ToArray();
        Assert.Equal(2000, written.Length);
        Assert.Equal(new byte[] { 0xAC, 0x02 }, written[1998..]);
    }
}
