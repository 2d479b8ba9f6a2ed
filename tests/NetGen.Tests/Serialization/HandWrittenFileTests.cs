using System;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Files written byte by byte in the test, not by NetGen: what another writer produces loads, and what NetGen
/// writes is exactly what the reference writer (Python's <c>safetensors</c>) produces for the same state_dict.
/// </summary>
public sealed class HandWrittenFileTests
{
    [Fact]
    public void LoadsAFileFromAnotherWriter()
    {
        // Another writer's choices, all allowed by the format: tensors and fields in any order, __metadata__ in
        // the middle, whitespace, data in an order of its own (fc2.weight, fc1.bias, fc2.bias, fc1.weight).
        const string header =
            "{\"fc2.weight\": {\"dtype\": \"F32\", \"shape\": [1, 2], \"data_offsets\": [0, 8]},\n" +
            " \"__metadata__\": {\"format\": \"pt\", \"source\": \"hand\"},\n" +
            " \"fc1.bias\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [8, 16]},\n" +
            " \"fc2.bias\": {\"shape\": [1], \"dtype\": \"F32\", \"data_offsets\": [16, 20]},\n" +
            " \"fc1.weight\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [20, 36]}}  ";
        byte[] file =
        [
            0x59, 0x01, 0, 0, 0, 0, 0, 0,                        // 345 header bytes
            .. Encoding.ASCII.GetBytes(header),
            0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x80, 0xBF,      // fc2.weight [[0.5, -1]]
            0x00, 0x00, 0x80, 0x3E, 0x00, 0x00, 0x80, 0xBE,      // fc1.bias [0.25, -0.25]
            0x00, 0x00, 0x00, 0x40,                              // fc2.bias [2]
            0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40,      // fc1.weight [[1, 2],
            0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x80, 0xC0,      //             [3, -4]]
        ];
        Assert.Equal(345, header.Length);

        var network = new TinyNet();
        SafeTensors.Load(network, new MemoryStream(file));

        Assert.Equal([1f, 2f, 3f, -4f], network.Hidden.Weights.ToArray());
        Assert.Equal([0.25f, -0.25f], network.Hidden.Bias.ToArray());
        Assert.Equal([0.5f, -1f], network.Out.Weights.ToArray());
        Assert.Equal([2f], network.Out.Bias.ToArray());
        var output = new float[1];
        network.Forward([1f, 0f], output);
        Assert.Equal(0.5 * Math.Tanh(1.25) - Math.Tanh(2.75) + 2, output[0], 6); // fc2(tanh(fc1(x))) with x = (1, 0)
    }

    [Fact]
    public void SavesTheBytesTheReferenceWriterWrites()
    {
        // save_file(state_dict, path, metadata={"format": "pt"}): compact JSON, __metadata__ first, tensors sorted by
        // name (all F32), offsets from the end of the header, header padded with spaces to a multiple of 8.
        const string header =
            "{\"__metadata__\":{\"format\":\"pt\"}," +
            "\"fc1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
            "\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]}," +
            "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}," +
            "\"fc2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[28,36]}}" +
            "   ";
        byte[] expected =
        [
            0x20, 0x01, 0, 0, 0, 0, 0, 0,                        // 288 header bytes: 285 of JSON and 3 spaces
            .. Encoding.ASCII.GetBytes(header),
            0x00, 0x00, 0x80, 0x3E, 0x00, 0x00, 0x80, 0xBE,      // fc1.bias
            0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40,      // fc1.weight
            0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x80, 0xC0,
            0x00, 0x00, 0x00, 0x40,                              // fc2.bias
            0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x80, 0xBF,      // fc2.weight
        ];
        Assert.Equal(288, header.Length);

        var network = new TinyNet();
        SafeTensorsBytes.TinyParameters.CopyTo(network.Parameters);
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream);

        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void NamesAreWrittenAsSerdeJsonEscapesThem()
    {
        // Quote, backslash and control characters escaped (\u00XX in lower case), everything else verbatim UTF-8.
        var network = new EscapedNameNet(1);
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        string header = Encoding.UTF8.GetString(stream.ToArray(), 8, 200);
        Assert.Contains("\"tab\\t\\\"q\\\"\\\\é\\u001f.bias\":", header);

        var loaded = new EscapedNameNet(2);
        stream.Position = 0;
        SafeTensors.Load(loaded, stream);
        Assert.Equal(TestData.Bits(network.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void NamesAreSortedByTheirUtf8Bytes()
    {
        // As Rust sorts strings; sorting UTF-16 code units would put the emoji (a surrogate pair) first.
        var stream = new MemoryStream();
        SafeTensors.Save(new UnicodeNameNet(), stream);
        string header = Encoding.UTF8.GetString(stream.ToArray(), 8, (int)BitConverter.ToUInt64(stream.ToArray(), 0));
        int[] positions = [.. new[] { "\uFF21.bias", "\uFF21.weight", "\U0001F600.bias", "\U0001F600.weight" }.Select(name => header.IndexOf($"\"{name}\"", StringComparison.Ordinal))];
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
