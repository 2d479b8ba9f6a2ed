using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Save as F16 and BF16 (round to nearest, ties to even, checked bit by bit) and the __metadata__ map.</summary>
public sealed class HalfPrecisionAndMetadataTests
{
    private static byte[] Save(INetwork net, TensorDtype dtype, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var stream = new MemoryStream();
        SafeTensors.Save(net, stream, dtype, metadata);
        return stream.ToArray();
    }

    private static string HeaderOf(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file)).TrimEnd(' ');

    private static ushort[] HalfWordsOf(byte[] file)
    {
        int start = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var words = new ushort[(file.Length - start) / 2];
        for (int i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(start + 2 * i));
        return words;
    }

    // TinyNet's layout is fc1.weight [0..4), fc1.bias [4..6), fc2.weight [6..8), fc2.bias [8]; the file's data order is by
    // name: fc1.bias, fc1.weight, fc2.bias, fc2.weight.
    private static readonly int[] DataOrder = [4, 5, 0, 1, 2, 3, 8, 6, 7];

    [Fact]
    public void F16RoundsToNearestTiesToEven()
    {
        float[] values =
        [
            1f + MathF.Pow(2, -11),                     // halfway between 1 (0x3C00) and the next half (0x3C01): to the even 0x3C00
            1f + 3 * MathF.Pow(2, -11),                 // halfway between 0x3C01 and 0x3C02: to 0x3C02
            1f + MathF.Pow(2, -11) + MathF.Pow(2, -20), // just above halfway: up, 0x3C01
            65512f,                                     // below 65520, where rounding would reach infinity: 65504, 0x7BFF
            -0f,                                        // 0x8000
            MathF.Pow(2, -25),                          // half the smallest subnormal: to the even 0
            3 * MathF.Pow(2, -25),                      // halfway between subnormals 1 and 2: to 0x0002
            float.NaN,                                  // a NaN
            -2.5f,                                      // exact: 0xC100
        ];
        ushort[] expected = [0x3C00, 0x3C02, 0x3C01, 0x7BFF, 0x8000, 0x0000, 0x0002, 0, 0xC100];
        var network = new TinyNet();
        values.CopyTo(network.Parameters);

        byte[] file = Save(network, TensorDtype.F16);

        ushort[] words = HalfWordsOf(file);
        for (int i = 0; i < DataOrder.Length; i++)
        {
            int parameter = DataOrder[i];
            if (float.IsNaN(values[parameter])) Assert.True(Half.IsNaN(BitConverter.UInt16BitsToHalf(words[i])));
            else Assert.Equal(expected[parameter], words[i]);
        }
        Assert.Contains("\"fc1.weight\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[4,12]}", HeaderOf(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Bf16RoundsToNearestTiesToEven()
    {
        float[] values =
        [
            BitConverter.Int32BitsToSingle(0x3F808000), // halfway between 0x3F80 and 0x3F81: to the even 0x3F80
            BitConverter.Int32BitsToSingle(0x3F818000), // halfway between 0x3F81 and 0x3F82: to 0x3F82
            BitConverter.Int32BitsToSingle(0x3F808001), // just above halfway: 0x3F81
            BitConverter.Int32BitsToSingle(0x3F807FFF), // just below: 0x3F80
            -0f,                                        // 0x8000
            BitConverter.Int32BitsToSingle(0x7F7F7FFF), // just below the tie that would overflow: 0x7F7F
            float.NegativeInfinity,                     // 0xFF80
            float.NaN,                                  // a quiet NaN
            -3.140625f,                                 // exact: 0xC049
        ];
        ushort[] expected = [0x3F80, 0x3F82, 0x3F81, 0x3F80, 0x8000, 0x7F7F, 0xFF80, 0, 0xC049];
        var network = new TinyNet();
        values.CopyTo(network.Parameters);

        byte[] file = Save(network, TensorDtype.BF16);

        ushort[] words = HalfWordsOf(file);
        for (int i = 0; i < DataOrder.Length; i++)
        {
            int parameter = DataOrder[i];
            if (float.IsNaN(values[parameter])) Assert.True(float.IsNaN(BitConverter.Int32BitsToSingle(words[i] << 16)));
            else Assert.Equal(expected[parameter], words[i]);
        }
        Assert.Contains("\"fc2.bias\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[12,14]}", HeaderOf(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorDtype.F16)]
    [InlineData(TensorDtype.BF16)]
    public void HalfPrecisionFilesLoadBackAsTheRoundedValues(TensorDtype dtype)
    {
        var saved = new StackedLstmNet(1);
        var loaded = new StackedLstmNet(2);
        SafeTensors.Load(loaded, new MemoryStream(Save(saved, dtype)));
        float[] original = saved.Parameters.ToArray(), back = loaded.Parameters.ToArray();
        for (int i = 0; i < original.Length; i++)
        {
            float rounded = dtype == TensorDtype.F16
                ? (float)(Half)original[i]
                : BitConverter.Int32BitsToSingle((int)((BitConverter.SingleToUInt32Bits(original[i]) + 0x7FFFu + ((BitConverter.SingleToUInt32Bits(original[i]) >> 16) & 1u)) & 0xFFFF0000u));
            Assert.Equal(rounded, back[i]);
            Assert.True(MathF.Abs(back[i] - original[i]) <= MathF.Abs(original[i]) * (dtype == TensorDtype.F16 ? 1f / 2048 : 1f / 256) + 1e-7f);
        }
    }

    [Theory]
    [InlineData(TensorDtype.F16, 65520f, "Tensor 'fc1.bias': element 1 (65520) is beyond the F16 range; save it as F32.")]
    [InlineData(TensorDtype.BF16, float.MaxValue, "Tensor 'fc1.bias': element 1 (3.4028235E+38) is beyond the BF16 range; save it as F32.")]
    public void AValueBeyondTheRangeIsAnErrorBeforeAnythingIsWritten(TensorDtype dtype, float value, string message)
    {
        var network = new TinyNet();
        network.Hidden.Bias[1] = value;
        var stream = new MemoryStream();
        ArgumentException e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, stream, dtype));
        Assert.Equal(message, e.Message);
        Assert.Equal(0, stream.Length);
        SafeTensors.Save(network, stream); // F32 holds it
    }

    [Fact]
    public void MetadataIsWrittenSortedBesideTheFormatAndReadBack()
    {
        var metadata = new Dictionary<string, string> { ["epoch"] = "3", ["author"] = "Ada \"L\"", ["é"] = "ü" };
        byte[] file = Save(new TinyNet(), TensorDtype.F32, metadata);

        Assert.StartsWith("{\"__metadata__\":{\"author\":\"Ada \\\"L\\\"\",\"epoch\":\"3\",\"format\":\"pt\",\"é\":\"ü\"},", HeaderOf(file), StringComparison.Ordinal);
        IReadOnlyDictionary<string, string> read = SafeTensors.ReadMetadata(new MemoryStream(file));
        Assert.Equal(4, read.Count);
        Assert.Equal("pt", read["format"]);
        Assert.Equal("3", read["epoch"]);
        Assert.Equal("Ada \"L\"", read["author"]);
        Assert.Equal("ü", read["é"]);
        SafeTensors.Load(new TinyNet(), new MemoryStream(file)); // metadata does not disturb loading
    }

    [Fact]
    public void AFormatEntryReplacesTheDefault()
    {
        byte[] file = Save(new TinyNet(), TensorDtype.F32, new Dictionary<string, string> { ["format"] = "np" });
        Assert.Equal("np", SafeTensors.ReadMetadata(new MemoryStream(file))["format"]);
    }

    [Fact]
    public void MetadataFromAPathAndFromAFileWithoutIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(new TinyNet(), path, TensorDtype.BF16, new Dictionary<string, string> { ["step"] = "7" });
            Assert.Equal("7", SafeTensors.ReadMetadata(path)["step"]);
            Assert.Empty(SafeTensors.ReadMetadata(new MemoryStream(SafeTensorsBytes.File(SafeTensorsBytes.TinyHeader, SafeTensorsBytes.TinyData))));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(new MemoryStream([1, 2, 3])));
    }

    [Fact]
    public void ANullMetadataValueOrUnknownDtypeIsRejected()
    {
        var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(new TinyNet(), stream, TensorDtype.F32, new Dictionary<string, string> { ["x"] = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SafeTensors.Save(new TinyNet(), stream, (TensorDtype)7));
        Assert.Equal(0, stream.Length);
    }
}
