using System;
using System.IO;
using System.Text;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Serialization.SafeTensorsBytes;

namespace NetGen.Tests.Serialization;

/// <summary>Every fault Load checks for: an InvalidDataException whose message names the tensor and the fault, and the network unchanged.</summary>
public sealed class LoadValidationTests
{
    private static readonly byte[] Data36 = TinyData;

    public static TheoryData<string, byte[], string> Faults => new()
    {
        // The network's expectations.
        { "missing tensor", File(Header(Fc1Weight, Fc1Bias, Fc2Weight), Data36.AsSpan(0, 32)), "Tensor 'fc2.bias' is missing: the network expects F32 [1]." },
        { "wrong shape", File(Header(Entry("fc1.weight", "F32", "[4,1]", 0, 16), Fc1Bias, Fc2Weight, Fc2Bias), Data36), "Tensor 'fc1.weight' has shape [4, 1]; the network expects [2, 2]." },
        { "integer dtype", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "I32", "[1]", 32, 36)), Data36), "Tensor 'fc2.bias' has dtype I32; expected F32, F16, BF16 or F64." },
        { "extra tensor", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Entry("fc3.weight", "F32", "[1]", 36, 40)), [.. Data36, 0, 0, 0, 0]), "Tensor 'fc3.weight' is not a tensor of this network; pass allowExtra: true or strict: false to ignore it." },
        // Tensor entries.
        { "unknown dtype", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F13", "[1]", 32, 36)), Data36), "Tensor 'fc2.bias': unknown dtype 'F13'." },
        { "dtype not a string", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[32,36]}"), Data36), "Tensor 'fc2.bias': dtype must be a string, not Number." },
        { "entry not an object", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":[32,36]"), Data36), "Tensor 'fc2.bias': expected an object with dtype, shape and data_offsets, not Array." },
        { "missing field", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[1]}"), Data36), "Tensor 'fc2.bias': the header gives no data_offsets." },
        { "unexpected field", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36],\"stride\":[1]}"), Data36), "Tensor 'fc2.bias': unexpected or repeated field 'stride'." },
        { "repeated field", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"shape\":[1],\"data_offsets\":[32,36]}"), Data36), "Tensor 'fc2.bias': unexpected or repeated field 'shape'." },
        { "negative dimension", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[-1]", 32, 36)), Data36), "Tensor 'fc2.bias': shape must hold non-negative integers below 2^64, not -1." },
        { "fractional dimension", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[1.0]", 32, 36)), Data36), "Tensor 'fc2.bias': shape must hold non-negative integers below 2^64, not 1.0." },
        { "dimension beyond 64 bits", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[18446744073709551616]", 32, 36)), Data36), "not 18446744073709551616." },
        { "overflowing shape", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[4294967296,4294967296]", 32, 36)), Data36), "Tensor 'fc2.bias': shape [4294967296, 4294967296] has more F32 elements than 64 bits can count." },
        { "overflowing byte count", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F64", "[4611686018427387904]", 32, 36)), Data36), "Tensor 'fc2.bias': shape [4611686018427387904] has more F64 elements than 64 bits can count." },
        { "partial byte", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Entry("packed", "F4", "[3]", 36, 37)), [.. Data36, 0]), "Tensor 'packed': F4 [3] is not a whole number of bytes." },
        { "three offsets", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36,40]}"), Data36), "Tensor 'fc2.bias': data_offsets must be [begin, end], not 3 numbers." },
        { "offsets reversed", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[1]", 36, 32)), Data36), "Tensor 'fc2.bias': data_offsets [36, 32] end before they begin." },
        { "offsets not the shape's size", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32", "[1]", 32, 40)), [.. Data36, 0, 0, 0, 0]), "Tensor 'fc2.bias': F32 [1] takes 4 bytes, but data_offsets [32, 40] span 8." },
        // How the tensors lie in the data.
        { "overlapping offsets", File(Header(Fc1Weight, Entry("fc1.bias", "F32", "[2]", 12, 20), Fc2Weight, Fc2Bias), Data36), "Tensor 'fc1.bias': data_offsets [12, 20] overlap tensor 'fc1.weight', which ends at 16." },
        { "gap between tensors", File(Header(Fc1Weight, Entry("fc1.bias", "F32", "[2]", 20, 28), Entry("fc2.weight", "F32", "[1,2]", 28, 36), Entry("fc2.bias", "F32", "[1]", 36, 40)), [.. Data36, 0, 0, 0, 0]), "Tensor 'fc1.bias': data_offsets [20, 28] leave bytes 16 to 20 unused after tensor 'fc1.weight'." },
        { "gap at the start", File(Header(Entry("fc1.weight", "F32", "[2,2]", 4, 20), Entry("fc1.bias", "F32", "[2]", 20, 28), Entry("fc2.weight", "F32", "[1,2]", 28, 36), Entry("fc2.bias", "F32", "[1]", 36, 40)), [.. Data36, 0, 0, 0, 0]), "Tensor 'fc1.weight': data_offsets [4, 20] leave bytes 0 to 4 unused at the start of the data." },
        { "offsets past the end", File(TinyHeader, Data36.AsSpan(0, 30)), "Tensor 'fc2.weight': data_offsets [24, 32] run past the end of the file, which has 30 bytes of data." },
        { "bytes after the data", File(TinyHeader, [.. Data36, 1, 2, 3]), "The file has 3 bytes after the last tensor's data." },
        // The header as a whole.
        { "shorter than the length", [0x10, 0, 0], "The file has 3 bytes, too few for the 8-byte header length." },
        { "header length past the end", [0xE8, 0x03, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(TinyHeader), .. Data36], "The header length 1000 runs past the end of the file: only 292 bytes follow it." },
        { "header over 100 MB", [0x01, 0xE1, 0xF5, 0x05, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(TinyHeader)], "The header length 100000001 exceeds the limit of 100000000 bytes." },
        { "huge header length", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B, 0x7D], "The header length 18446744073709551615 exceeds the limit" },
        { "invalid UTF-8", File([.. Encoding.ASCII.GetBytes("{\"fc1"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\":1}")], []), "The header is not valid UTF-8." },
        { "not an object", File("[{\"fc1.weight\":1}]", []), "The header does not start with '{': it must be a JSON object." },
        { "empty header", File("", []), "The header does not start with '{'" },
        { "malformed JSON", File(TinyHeader[..^1], Data36), "The header is not valid JSON" },
        { "trailing comma", File(TinyHeader[..^1] + ",}", Data36), "The header is not valid JSON" },
        { "nested too deep", File("{\"fc1.weight\":{\"shape\":[[2]]}}", []), "The header is not valid JSON" },
        { "duplicate name", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Fc2Bias), Data36), "The header lists 'fc2.bias' twice." },
        { "lone surrogate in a name", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Entry("fc3\\ud800", "F32", "[0]", 36, 36)), Data36), "The header holds a string that is not valid Unicode" },
        { "lone surrogate in a dtype", File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Entry("fc2.bias", "F32\\udc00", "[1]", 32, 36)), Data36), "The header holds a string that is not valid Unicode" },
        { "metadata not an object", File(Header("\"__metadata__\":[\"pt\"]", Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias), Data36), "'__metadata__' must be an object of strings, not Array." },
        { "metadata value not a string", File(Header("\"__metadata__\":{\"epoch\":3}", Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias), Data36), "'__metadata__' entry 'epoch' must be a string, not Number." },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void RejectsAndLeavesTheNetworkUnchanged(string fault, byte[] file, string message)
    {
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file)));

        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{fault}: \"{e.Message}\" does not contain \"{message}\".");
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void RejectsFromAStreamThatCannotSeek(string fault, byte[] file, string message)
    {
        // Without a length to check against, faults in the data show up while reading it, naming the tensor.
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new ForwardOnlyStream(file)));

        Assert.False(string.IsNullOrEmpty(e.Message), fault);
        if (fault is not ("offsets past the end" or "bytes after the data" or "header length past the end"))
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Theory]
    [InlineData(30, "Tensor 'fc2.weight': the file ends inside its data.")]
    [InlineData(39, "The file has bytes after the last tensor's data.")]
    public void AStreamThatCannotSeekIsCheckedWhileReading(int dataLength, string message)
    {
        byte[] data = new byte[dataLength];
        TinyData.AsSpan(0, Math.Min(dataLength, TinyData.Length)).CopyTo(data);
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new ForwardOnlyStream(File(TinyHeader, data))));

        Assert.Equal(message, e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void AHeaderLengthPastTheEndOfAStreamThatCannotSeekIsFoundWithoutAllocatingIt()
    {
        // 99,999,999 bytes promised, 2 delivered: the header buffer grows only with the bytes that arrive.
        byte[] file = [0xFF, 0xE0, 0xF5, 0x05, 0, 0, 0, 0, 0x7B, 0x7D];
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(new TinyNet(), new ForwardOnlyStream(file)));

        Assert.Equal("The file ends 2 bytes into its 99999999-byte header.", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 1_000_000);
    }

    [Fact]
    public void ExtraTensorsOfAnyDtypeAreSkippedWhenAllowed()
    {
        string header = Header(
            Entry("step", "I64", "[]", 0, 8), Fc1Weight.Replace("[0,16]", "[8,24]"), Entry("mask", "BOOL", "[3]", 24, 27),
            Entry("fc1.bias", "F32", "[2]", 27, 35), Entry("fc2.weight", "F32", "[1,2]", 35, 43), Entry("fc2.bias", "F32", "[1]", 43, 47));
        byte[] data = [1, 2, 3, 4, 5, 6, 7, 8, .. TinyData.AsSpan(0, 16), 1, 0, 1, .. TinyData.AsSpan(16)];
        foreach (Func<byte[], Stream> open in new Func<byte[], Stream>[] { bytes => new MemoryStream(bytes), bytes => new ForwardOnlyStream(bytes) })
        {
            var network = new TinyNet();
            SafeTensors.Load(network, open(File(header, data)), allowExtra: true);
            Assert.Equal(TinyParameters, network.Parameters.ToArray());
            Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, open(File(header, data))));
        }
    }

    [Fact]
    public void LoadsFromTheStreamPosition()
    {
        byte[] file = [0xAA, 0xBB, .. File(TinyHeader, TinyData)];
        var stream = new MemoryStream(file) { Position = 2 };
        var network = new TinyNet();
        SafeTensors.Load(network, stream);
        Assert.Equal(TinyParameters, network.Parameters.ToArray());
    }

    [Fact]
    public void MessagesFromAFileNameIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.safetensors");
        System.IO.File.WriteAllBytes(path, File(Header(Fc1Weight, Fc1Bias, Fc2Weight), TinyData.AsSpan(0, 32)));
        try
        {
            InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(new TinyNet(), path));
            Assert.Equal($"{path}: Tensor 'fc2.bias' is missing: the network expects F32 [1].", e.Message);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        var network = new TinyNet();
        Assert.Equal("net", Assert.Throws<ArgumentNullException>(() => SafeTensors.Load(null!, new MemoryStream())).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => SafeTensors.Load(network, (Stream)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => SafeTensors.Load(network, (string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, " ")).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new ForwardOnlyStream([], writeOnly: true))).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, new MemoryStream([], writable: false))).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, "")).ParamName);
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(network, Path.Combine(Path.GetTempPath(), $"netgen-missing-{Guid.NewGuid():N}")));
    }
}
