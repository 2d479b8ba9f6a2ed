using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using NetGen.Model;
using NetGen.Testing;
using Xunit;
using static NetGen.Testing.SafeTensorsBytes;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// The build-time safetensors reader ([Network(Weights)]): it must never crash, hang or accept garbage. Checked
/// against the run-time reader (System.Text.Json), which must accept and reject the same files, over hand-made
/// faults and thousands of random mutations of a valid file; and the build-time F16 conversion against System.Half.
/// </summary>
public sealed class WeightsFileFuzzTests
{
    private const string Network = """
        using NetGen;

        [Network(Weights = "model.safetensors")]
        public partial class SmallNet
        {
            [Input(2)] public partial InputLayer In { get; }
            [Dense(3, Activation.Tanh)] public partial DenseLayer Hidden { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    private static readonly NetworkSpec Spec = ParsedNetwork.Parse(Network, "SmallNet");

    public static TheoryData<string, string> MalformedHeaders() => new()
    {
        { "not JSON", "nonsense" },
        { "an array", "[1, 2]" },
        { "leading whitespace", " {}" },
        { "a trailing comma", "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},}" },
        { "a comment", "{/* */}" },
        { "a duplicate tensor", "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}}" },
        { "a duplicate field", "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}" },
        { "an unknown dtype", "{\"a\":{\"dtype\":\"F33\",\"shape\":[],\"data_offsets\":[0,4]}}" },
        { "a negative dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}" },
        { "a fractional dimension", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}" },
        { "an exponent", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1e0],\"data_offsets\":[0,4]}}" },
        { "a dimension of 2^64", "{\"a\":{\"dtype\":\"F32\",\"shape\":[18446744073709551616],\"data_offsets\":[0,4]}}" },
        { "a shape overflowing 64 bits", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}" },
        { "offsets past the end", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,400000000000]}}" },
        { "offsets backwards", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}" },
        { "a gap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}}" },
        { "an overlap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}" },
        { "three offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4,8]}}" },
        { "no shape", "{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}" },
        { "metadata not strings", "{\"__metadata__\":{\"a\":1}}" },
        { "a lone surrogate", "{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}" },
        { "a control character", "{\"a\tb\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}" },
        { "nesting too deep", "{\"a\":{\"dtype\":\"F32\",\"shape\":[[1]],\"data_offsets\":[0,4]}}" },
        { "deep nesting", "{\"a\":" + new string('[', 100_000) },
        { "an unterminated string", "{\"a" },
        { "text after the object", "{} {}" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void AMalformedHeaderIsRejectedByBothReadersWithAMessage(string fault, string header)
    {
        byte[] file = WithHeader(header, new byte[4]);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => SafeTensorsFileHeader.Read(file));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), fault);
        Assert.Throws<InvalidDataException>(() => SafeTensors.ReadMetadata(new MemoryStream(file)));
        Assert.Contains(BindToSmallNet(file).Diagnostics, d => d.Id == DiagnosticIds.WeightsFileInvalid);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 255, 255, 255, 255, 255, 255, 255, 255 })]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}' })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', 0xFF })]
    public void ATruncatedOrAbsurdPrefixIsRejected(byte[] file)
    {
        Assert.Throws<InvalidDataException>(() => SafeTensorsFileHeader.Read(file));
        Assert.Contains(BindToSmallNet(file).Diagnostics, d => d.Id == DiagnosticIds.WeightsFileInvalid);
    }

    [Fact]
    public void PaddingAndEscapesAreReadAsTheReferenceWriterAndSerdeWriteThem()
    {
        // safetensors pads the header with spaces to 8 bytes; names may be escaped ("\u0048" is "H").
        byte[] valid = File(new Dictionary<string, string> { ["format"] = "pt" }, SmallDenseNetwork());
        string header = Encoding.UTF8.GetString(valid, 8, BitConverter.ToInt32(valid, 0)).Replace("\"Hidden.bias\"", "\"\\u0048idden.bias\"") + "   ";
        byte[] file = WithHeader(header, valid.AsSpan(8 + BitConverter.ToInt32(valid, 0)).ToArray());

        SafeTensorsFileHeader read = SafeTensorsFileHeader.Read(file);

        Assert.Contains(read.Entries, entry => entry.Name == "Hidden.bias");
        Assert.Empty(BindToSmallNet(file).Diagnostics);
    }

    [Fact]
    public void RandomMutationsNeverThrowAndBothReadersAgree()
    {
        byte[] valid = File(new Dictionary<string, string> { ["format"] = "pt" }, SmallDenseNetwork());
        var random = new Random(18);
        int accepted = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            byte[] file = Mutate(valid, random);
            bool buildTime = Accepts(() => SafeTensorsFileHeader.Read(file));
            bool runTime = Accepts(() => SafeTensors.ReadMetadata(new MemoryStream(file)));
            Assert.True(buildTime == runTime, $"trial {trial}: the build-time reader {(buildTime ? "accepts" : "rejects")} what the run-time reader {(runTime ? "accepts" : "rejects")}: {Convert.ToBase64String(file)}");
            BindToSmallNet(file); // never throws: every fault is a diagnostic
            if (buildTime) accepted++;
        }
        Assert.InRange(accepted, 1, 4999);
    }

    [Fact]
    public void F16ConvertsExactlyAsSystemHalfForEveryValue()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            uint actual = TensorValues.HalfToSingleBits((ushort)bits);
            if (float.IsNaN(expected)) Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle(actual)), $"0x{bits:X4}");
            else Assert.Equal(BitConverter.SingleToUInt32Bits(expected), actual);
        }
    }

    [Fact]
    public void ANegativeCounterIsAFaultOfTheFile()
    {
        const string normalized = """
            using NetGen;

            [Network(Weights = "model.safetensors")]
            public partial class NormNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(2)] public partial DenseLayer Hidden { get; }
                [BatchNorm] public partial BatchNormLayer Norm { get; }
            }
            """;
        byte[] file = File(Floats("Hidden.weight", 2, 2), Floats("Hidden.bias", 2), Floats("Norm.weight", 2), Floats("Norm.bias", 2),
            Floats("Norm.running_mean", 2), Floats("Norm.running_var", 2), new Tensor("Norm.num_batches_tracked", "I64", [], BitConverter.GetBytes(-3L)));

        WeightsBinding binding = WeightsBinder.Bind(ParsedNetwork.Parse(normalized, "NormNet"), [WeightsFile.FromBytes("model.safetensors", file)], embed: true, CancellationToken.None);

        SpecDiagnostic error = Assert.Single(binding.Diagnostics);
        Assert.Equal(DiagnosticIds.WeightsFileInvalid, error.Id);
        Assert.Contains("Norm.num_batches_tracked", error.MessageArguments[1]);
    }

    private static WeightsBinding BindToSmallNet(byte[] file)
        => WeightsBinder.Bind(Spec, [WeightsFile.FromBytes("model.safetensors", file)], embed: true, CancellationToken.None);

    private static bool Accepts(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // Byte flips, header-length edits, JSON-significant characters, truncation and appended bytes.
    private static byte[] Mutate(byte[] valid, Random random)
    {
        byte[] file = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                file[random.Next(file.Length)] = (byte)random.Next(256);
                break;
            case 1:
                file[random.Next(8)] = (byte)random.Next(256);
                break;
            case 2:
                file[8 + random.Next(BitConverter.ToInt32(valid, 0))] = (byte)"{}[],:\"\\0123456789-.eE \u00e9"[random.Next(22)];
                break;
            case 3:
                Array.Resize(ref file, random.Next(file.Length));
                break;
            default:
                file = [.. file, .. Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256))];
                break;
        }
        return file;
    }
}
