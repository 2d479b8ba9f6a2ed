using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Serialization.SafeTensorsBytes;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Batch normalisation's state in safetensors files, as PyTorch's state_dict has it: <c>running_mean</c> and
/// <c>running_var</c> (F32, or the dtype saved) after weight and bias, then <c>num_batches_tracked</c>, an I64 scalar;
/// dropout's draws never (PyTorch has no such tensor).
/// </summary>
public sealed class BatchNormStateTests
{
    private static readonly byte[] TinyFloats = Floats(1f, 2f, 3f, 4f, 0.5f, -0.5f, 2f, 3f, 0.25f, -0.25f, 1.5f, -1.5f, 4f, 9f);

    /// <summary>A TinyBatchNormNet file as PyTorch writes it: I64 first, then the floats by name, each entry overridable.</summary>
    private static byte[] TinyFile(string counterDtype = "I64", string counterShape = "[]", byte[]? counter = null, params string[] skip)
    {
        counter ??= Int64(7);
        (string Name, string Dtype, string Shape, byte[] Data)[] tensors =
        [
            ("bn.num_batches_tracked", counterDtype, counterShape, counter),
            ("bn.bias", "F32", "[2]", TinyFloats[24..32]),
            ("bn.running_mean", "F32", "[2]", TinyFloats[40..48]),
            ("bn.running_var", "F32", "[2]", TinyFloats[48..56]),
            ("bn.weight", "F32", "[2]", TinyFloats[16..24]),
            ("fc.bias", "F32", "[2]", TinyFloats[32..40]),
            ("fc.weight", "F32", "[2,2]", TinyFloats[0..16]),
        ];
        var entries = new List<string>();
        var data = new List<byte>();
        foreach ((string name, string dtype, string shape, byte[] bytes) in tensors.Where(t => !skip.Contains(t.Name)))
        {
            entries.Add(Entry(name, dtype, shape, (ulong)data.Count, (ulong)(data.Count + bytes.Length)));
            data.AddRange(bytes);
        }
        return File(Header([.. entries]), data.ToArray());
    }

    private static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>The header's tensors in data order: name, dtype, shape, data_offsets.</summary>
    private static List<(string Name, string Dtype, long[] Shape, long[] Offsets)> HeaderOf(byte[] file)
    {
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, length));
        return [.. header.RootElement.EnumerateObject()
            .Where(p => p.Name != "__metadata__")
            .Select(p => (p.Name, p.Value.GetProperty("dtype").GetString()!,
                p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                p.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray()))];
    }

    private static byte[] Saved(INetwork net, TensorDtype dtype = TensorDtype.F32)
    {
        var stream = new MemoryStream();
        SafeTensors.Save(net, stream, dtype);
        return stream.ToArray();
    }

    /// <summary>Parameters, running statistics and counters all set to values of their own, so a lost or misplaced one shows.</summary>
    private static TorchBatchNormNet Trained()
    {
        var net = new TorchBatchNormNet();
        TestData.Uniform(TorchBatchNormNet.ParameterCount, 3).CopyTo(net.Parameters);
        TestData.Uniform(net.Buffers.Length, 4).CopyTo(net.Buffers);
        foreach (BatchNormLayer norm in new[] { net.Norm2d, net.Norm1d })
            for (int c = 0; c < norm.Channels; c++) norm.RunningVariance[c] = 0.5f + c;
        net.Norm2d.BatchesTracked = 11;
        net.Norm1d.BatchesTracked = 1L << 40;
        net.Counters[net.Drop.Info.CounterOffset] = 12345;
        return net;
    }

    [Fact]
    public void ExpectedTensorsAreTheStateDictOfTheTorchModule()
    {
        // As printed by make_torch_batchnorm.py: module.state_dict()'s names, dtypes and shapes, in its order.
        (string Name, string Dtype, int[] Shape)[] torch =
        [
            ("conv.weight", "F32", [2, 1, 3, 3]), ("conv.bias", "F32", [2]),
            ("bn2d.weight", "F32", [2]), ("bn2d.bias", "F32", [2]), ("bn2d.running_mean", "F32", [2]), ("bn2d.running_var", "F32", [2]),
            ("bn2d.num_batches_tracked", "I64", []),
            ("fc1.weight", "F32", [4, 18]), ("fc1.bias", "F32", [4]),
            ("bn1d.weight", "F32", [4]), ("bn1d.bias", "F32", [4]), ("bn1d.running_mean", "F32", [4]), ("bn1d.running_var", "F32", [4]),
            ("bn1d.num_batches_tracked", "I64", []),
            ("fc2.weight", "F32", [2, 4]), ("fc2.bias", "F32", [2]),
        ];

        IReadOnlyList<ExpectedTensor> expected = SafeTensors.ExpectedTensors(new TorchBatchNormNet());

        Assert.Equal(torch.Select(t => $"{t.Name} {t.Dtype} [{string.Join(", ", t.Shape)}]"), expected.Select(t => t.ToString()));
        Assert.Equal(1, expected.Single(t => t.Name == "bn1d.num_batches_tracked").Count);
    }

    [Fact]
    public void RoundTripRestoresParametersBuffersAndStateDictCounters()
    {
        TorchBatchNormNet net = Trained();
        var loaded = new TorchBatchNormNet();

        IncompatibleKeys keys = SafeTensors.Load(loaded, new MemoryStream(Saved(net)));

        Assert.True(keys.IsEmpty);
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(loaded.Parameters));
        Assert.Equal(TestData.Bits(net.Buffers), TestData.Bits(loaded.Buffers));
        Assert.Equal(11, loaded.Norm2d.BatchesTracked);
        Assert.Equal(1L << 40, loaded.Norm1d.BatchesTracked);
        // Dropout's draws are NetGen's own state, saved by checkpoints only.
        Assert.Equal(0, loaded.Counters[loaded.Drop.Info.CounterOffset]);
    }

    [Theory]
    [InlineData(TensorDtype.F32, "F32", 4)]
    [InlineData(TensorDtype.F16, "F16", 2)]
    [InlineData(TensorDtype.BF16, "BF16", 2)]
    public void CountersAreI64ScalarsFirstInTheDataWhateverTheFloatDtype(TensorDtype dtype, string floatName, int floatSize)
    {
        TorchBatchNormNet net = Trained();
        byte[] file = Saved(net, dtype);
        var header = HeaderOf(file);

        // The reference writer's order: descending dtype (I64 after every float type in its enum), then name.
        Assert.Equal(
            ["bn1d.num_batches_tracked", "bn2d.num_batches_tracked", "bn1d.bias", "bn1d.running_mean", "bn1d.running_var", "bn1d.weight",
             "bn2d.bias", "bn2d.running_mean", "bn2d.running_var", "bn2d.weight", "conv.bias", "conv.weight", "fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight"],
            header.Select(t => t.Name));
        Assert.Equal(("I64", 0L, 0L, 8L), (header[0].Dtype, header[0].Shape.LongLength, header[0].Offsets[0], header[0].Offsets[1]));
        Assert.Equal(("I64", 0L, 8L, 16L), (header[1].Dtype, header[1].Shape.LongLength, header[1].Offsets[0], header[1].Offsets[1]));
        Assert.All(header.Skip(2), t => Assert.Equal(floatName, t.Dtype));
        Assert.Equal([4L], header.Single(t => t.Name == "bn1d.running_var").Shape);
        Assert.Equal(16 + floatSize * (TorchBatchNormNet.ParameterCount + net.Buffers.Length), header[^1].Offsets[1]);
        int dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(1L << 40, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(dataStart)));
        Assert.Equal(11, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(dataStart + 8)));

        var loaded = new TorchBatchNormNet();
        SafeTensors.Load(loaded, new MemoryStream(file));
        Assert.Equal(11, loaded.Norm2d.BatchesTracked);
        Assert.Equal(1L << 40, loaded.Norm1d.BatchesTracked);
        Assert.Equal(net.Norm1d.RunningVariance.ToArray(), loaded.Norm1d.RunningVariance.ToArray()); // 0.5, 1.5, 2.5, 3.5: exact in every dtype
    }

    [Fact]
    public void AHandWrittenFileInPyTorchsLayoutLoads()
    {
        var net = new TinyBatchNormNet();

        Assert.True(SafeTensors.Load(net, new MemoryStream(TinyFile())).IsEmpty);

        Assert.Equal([1f, 2f, 3f, 4f], net.Hidden.Weights.ToArray());
        Assert.Equal([0.5f, -0.5f], net.Norm.Weight.ToArray());
        Assert.Equal([2f, 3f], net.Norm.Bias.ToArray());
        Assert.Equal([0.25f, -0.25f], net.Hidden.Bias.ToArray());
        Assert.Equal([1.5f, -1.5f], net.Norm.RunningMean.ToArray());
        Assert.Equal([4f, 9f], net.Norm.RunningVariance.ToArray());
        Assert.Equal(7, net.Norm.BatchesTracked);
        // Evaluation mode: z = W·x + b, then γ(z − mean)/√(var + ε) + β.
        var output = new float[2];
        net.Forward([1f, -1f], output);
        Assert.Equal(0.5 * (-1 + 0.25 - 1.5) / Math.Sqrt(4 + 1e-5) + 2, output[0], 5);
        Assert.Equal(-0.5 * (-1 - 0.25 + 1.5) / Math.Sqrt(9 + 1e-5) + 3, output[1], 5);
    }

    [Theory]
    [InlineData("I32", new byte[] { 7, 0, 0, 0 })]
    [InlineData("U8", new byte[] { 7 })]
    [InlineData("U64", new byte[] { 7, 0, 0, 0, 0, 0, 0, 0 })]
    public void OtherIntegerCountersLoad(string dtype, byte[] value)
    {
        var net = new TinyBatchNormNet();
        SafeTensors.Load(net, new MemoryStream(TinyFile(dtype, counter: value)));
        Assert.Equal(7, net.Norm.BatchesTracked);
    }

    public static TheoryData<string, byte[], string> CounterFaults => new()
    {
        { "float counter", TinyFile("F32", counter: Floats(7f)), "Tensor 'bn.num_batches_tracked' has dtype F32; it is a counter, so it must be an integer type (I64, I32, I16, I8, U64, U32, U16 or U8; PyTorch writes I64)." },
        { "counter of shape [1]", TinyFile(counterShape: "[1]"), "Tensor 'bn.num_batches_tracked' has shape [1]; the network expects []." },
        { "negative counter", TinyFile(counter: Int64(-1)), "Tensor 'bn.num_batches_tracked': I64 element 0 (-1) is not a count from 0 to 9223372036854775807." },
        { "U64 counter beyond int64", TinyFile("U64", counter: Int64(-2)), "Tensor 'bn.num_batches_tracked': U64 element 0 (18446744073709551614) is not a count" },
        { "missing counter", TinyFile(skip: "bn.num_batches_tracked"), "Tensor 'bn.num_batches_tracked' is missing: the network expects I64 []." },
    };

    [Theory]
    [MemberData(nameof(CounterFaults))]
    public void FaultsAreNamedAndLeaveTheStateUnchanged(string fault, byte[] file, string message)
    {
        var net = new TinyBatchNormNet();
        net.Norm.BatchesTracked = 3;
        int[] buffers = TestData.Bits(net.Buffers), parameters = TestData.Bits(net.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, new MemoryStream(file)));

        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{fault}: \"{e.Message}\" does not contain \"{message}\".");
        Assert.Equal(3, net.Norm.BatchesTracked);
        Assert.Equal(buffers, TestData.Bits(net.Buffers));
        Assert.Equal(parameters, TestData.Bits(net.Parameters));
    }

    [Fact]
    public void AFileWithoutRunningStatisticsFailsStrictlyAndLoadsPartially()
    {
        // A state dict of the Linear and the BatchNorm's parameters only, as an older writer might have saved it.
        byte[] file = TinyFile(skip: ["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"]);
        var net = new TinyBatchNormNet();
        float[] runningVariance = net.Norm.RunningVariance.ToArray();

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(net, new MemoryStream(file)));
        Assert.Equal(
            "The file does not match the network in 3 ways:" + Environment.NewLine +
            "- Tensor 'bn.running_mean' is missing: the network expects F32 [2]." + Environment.NewLine +
            "- Tensor 'bn.running_var' is missing: the network expects F32 [2]." + Environment.NewLine +
            "- Tensor 'bn.num_batches_tracked' is missing: the network expects I64 [].",
            e.Message);

        IncompatibleKeys keys = SafeTensors.Load(net, new MemoryStream(file), strict: false);
        Assert.Equal(["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"], keys.MissingKeys);
        Assert.Empty(keys.UnexpectedKeys);
        Assert.Equal([0.5f, -0.5f], net.Norm.Weight.ToArray());
        Assert.Equal(runningVariance, net.Norm.RunningVariance.ToArray()); // left as they were: ones
        Assert.Equal(0, net.Norm.BatchesTracked);
    }

    [Fact]
    public void DropoutDrawsInAFileAreUnexpected()
    {
        // A checkpoint holds "Drop.draws"; as a plain state dict it is a tensor PyTorch's module would not have.
        var net = new TorchBatchNormNet();
        var checkpoint = new MemoryStream();
        Checkpoint.Save(net, new Sgd(0.1f), checkpoint);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(new TorchBatchNormNet(), new MemoryStream(checkpoint.ToArray())));
        Assert.Contains("Tensor 'Drop.draws' is not a tensor of this network; pass allowExtra: true or strict: false to ignore it.", e.Message);

        IncompatibleKeys keys = SafeTensors.Load(new TorchBatchNormNet(), new MemoryStream(checkpoint.ToArray()), allowExtra: true);
        Assert.Equal(["Drop.draws"], keys.UnexpectedKeys);
    }
}
