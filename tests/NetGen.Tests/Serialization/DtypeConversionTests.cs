using System;
using System.IO;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Serialization.SafeTensorsBytes;

namespace NetGen.Tests.Serialization;

/// <summary>F16, BF16 and F64 tensors load converted to float32; the expected values are worked out from the bits by hand.</summary>
public sealed class DtypeConversionTests
{
    [Fact]
    public void HalfBfloatAndDoubleTensorsLoadAsFloat32()
    {
        string header = Header(
            Entry("fc1.weight", "F16", "[2,2]", 0, 8),
            Entry("fc1.bias", "BF16", "[2]", 8, 12),
            Entry("fc2.weight", "F64", "[1,2]", 12, 28), // offsets need no alignment
            Entry("fc2.bias", "F32", "[1]", 28, 32));
        byte[] data =
        [
            0x55, 0x35,  // F16 0x3555: 2^-2 · (1 + 0x155/1024) = 0.333251953125
            0xFF, 0xFB,  // F16 0xFBFF: −2^15 · (1 + 1023/1024) = −65504, the largest half
            0x01, 0x00,  // F16 0x0001: the smallest subnormal, 2^-24
            0x00, 0x3E,  // F16 0x3E00: 1.5
            0x49, 0xC0,  // BF16 0xC049: float bits 0xC0490000 = −3.140625
            0xC0, 0x3F,  // BF16 0x3FC0: float bits 0x3FC00000 = 1.5
            0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F, // F64 0.1, rounds to the float 0x3DCCCCCD
            0x00, 0x00, 0x00, 0x00, 0x00, 0x4A, 0x93, 0xC0, // F64 −1234.5, exact in float
            0x00, 0x00, 0x00, 0x40,                         // F32 2
        ];
        var network = new TinyNet();

        SafeTensors.Load(network, new MemoryStream(File(header, data)));

        Assert.Equal([0.333251953125f, -65504f, MathF.Pow(2, -24), 1.5f], network.Hidden.Weights.ToArray());
        Assert.Equal([-3.140625f, 1.5f], network.Hidden.Bias.ToArray());
        Assert.Equal([BitConverter.Int32BitsToSingle(0x3DCCCCCD), -1234.5f], network.Out.Weights.ToArray());
        Assert.Equal([2f], network.Out.Bias.ToArray());
    }

    [Fact]
    public void DoubleBeyondFloatRangeIsRejectedNotTurnedIntoInfinity()
    {
        string header = Header(Fc1Weight, Fc1Bias, Entry("fc2.weight", "F64", "[1,2]", 24, 40), Entry("fc2.bias", "F32", "[1]", 40, 44));
        byte[] data = [.. TinyData.AsSpan(0, 24), .. BitConverter.GetBytes(1.0), .. BitConverter.GetBytes(1e300), .. Floats(2f)];
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(File(header, data))));

        Assert.Contains("'fc2.weight'", e.Message);
        Assert.Contains("element 1", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }
}
