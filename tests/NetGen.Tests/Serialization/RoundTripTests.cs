using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Save then load restores every parameter bit for bit, with PyTorch's names and shapes in the file.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Networks => ["dense", "residual", "elman", "lstm", "wide-lstm", "gru", "gru-tagger", "wide-gru"];

    // Recurrent networks run 4 steps; SequenceLstmNet and SequenceGruTaggerNet have an output on every step.
    private static (INetwork Saved, INetwork Fresh, float[] Input, int OutputLength) Create(string name) => name switch
    {
        "dense" => (new LayoutNet(1), new LayoutNet(2), TestData.Uniform(LayoutNet.InputSize, 1), LayoutNet.OutputSize),
        "residual" => (new ResidualNet(1), new ResidualNet(2), TestData.Uniform(ResidualNet.InputSize, 1), ResidualNet.OutputSize),
        "elman" => (new SequenceRnnNet(1), new SequenceRnnNet(2), TestData.Uniform(4 * SequenceRnnNet.InputSize, 1), SequenceRnnNet.OutputSize),
        "lstm" => (new SequenceLstmNet(1), new SequenceLstmNet(2), TestData.Uniform(4 * SequenceLstmNet.InputSize, 1), 4 * SequenceLstmNet.OutputSize),
        "wide-lstm" => (new WideSequenceLstmNet(1), new WideSequenceLstmNet(2), TestData.Uniform(4 * WideSequenceLstmNet.InputSize, 1), WideSequenceLstmNet.OutputSize),
        "gru" => (new SequenceGruNet(1), new SequenceGruNet(2), TestData.Uniform(4 * SequenceGruNet.InputSize, 1), SequenceGruNet.OutputSize),
        "gru-tagger" => (new SequenceGruTaggerNet(1), new SequenceGruTaggerNet(2), TestData.Uniform(4 * SequenceGruTaggerNet.InputSize, 1), 4 * SequenceGruTaggerNet.OutputSize),
        "wide-gru" => (new WideSequenceGruNet(1), new WideSequenceGruNet(2), TestData.Uniform(4 * WideSequenceGruNet.InputSize, 1), WideSequenceGruNet.OutputSize),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown network."),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void SaveThenLoadRestoresEveryParameterAndTheOutputs(string name)
    {
        (INetwork saved, INetwork fresh, float[] input, int outputLength) = Create(name);
        Assert.NotEqual(TestData.Bits(saved.Parameters), TestData.Bits(fresh.Parameters)); // different seeds
        string path = Path.Combine(_directory, name + ".safetensors");

        SafeTensors.Save(saved, path);
        SafeTensors.Load(fresh, path);

        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(fresh.Parameters));
        float[] expected = new float[outputLength], actual = new float[outputLength];
        saved.Forward(input, expected);
        fresh.Forward(input, actual);
        Assert.Equal(TestData.Bits(expected), TestData.Bits(actual));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void SavingOverAnExistingFileReplacesIt()
    {
        string path = Path.Combine(_directory, "net.safetensors");
        File.WriteAllBytes(path, new byte[10_000]);
        var saved = new TinyNet(3);
        SafeTensors.Save(saved, path);
        var loaded = new TinyNet(4);
        SafeTensors.Load(loaded, path);
        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void LstmTensorsHavePyTorchNamesShapesAndValues()
    {
        // torch.nn.LSTMCell(3, 8): weight_ih [32, 3], weight_hh [32, 8], bias_ih [32], bias_hh [32]; Linear(8, 3).
        var network = new SequenceLstmNet(5);
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        Dictionary<string, (int[] Shape, float[] Values)> tensors = ReadTensors(stream.ToArray());

        Assert.Equal(["Memory.bias_hh", "Memory.bias_ih", "Memory.weight_hh", "Memory.weight_ih", "Out.bias", "Out.weight"], tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([32, 3], tensors["Memory.weight_ih"].Shape);
        Assert.Equal([32, 8], tensors["Memory.weight_hh"].Shape);
        Assert.Equal([32], tensors["Memory.bias_ih"].Shape);
        Assert.Equal([32], tensors["Memory.bias_hh"].Shape);
        Assert.Equal([3, 8], tensors["Out.weight"].Shape);
        Assert.Equal([3], tensors["Out.bias"].Shape);
        Assert.Equal(network.Memory.WeightIh.ToArray(), tensors["Memory.weight_ih"].Values);
        Assert.Equal(network.Memory.WeightHh.ToArray(), tensors["Memory.weight_hh"].Values);
        Assert.Equal(network.Memory.BiasIh.ToArray(), tensors["Memory.bias_ih"].Values);
        Assert.Equal(network.Memory.BiasHh.ToArray(), tensors["Memory.bias_hh"].Values);
        Assert.Equal(network.Out.Weights.ToArray(), tensors["Out.weight"].Values);
        Assert.Equal(network.Out.Bias.ToArray(), tensors["Out.bias"].Values);
    }

    [Fact]
    public void GruTensorsHavePyTorchNamesShapesAndValues()
    {
        // torch.nn.GRUCell(3, 6): weight_ih [18, 3], weight_hh [18, 6], bias_ih [18], bias_hh [18]; Linear(6, 3). The
        // tagger's UpdateBias (1) is in bias_ih's z block, so the file holds it there.
        var network = new SequenceGruTaggerNet(5);
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        Dictionary<string, (int[] Shape, float[] Values)> tensors = ReadTensors(stream.ToArray());

        Assert.Equal(
            ["Memory.bias_hh [18]", "Memory.bias_ih [18]", "Memory.weight_hh [18,6]", "Memory.weight_ih [18,3]", "Out.bias [3]", "Out.weight [3,6]"],
            tensors.Select(t => $"{t.Key} [{string.Join(",", t.Value.Shape)}]").Order(StringComparer.Ordinal));
        Assert.Equal(network.Memory.WeightIh.ToArray(), tensors["Memory.weight_ih"].Values);
        Assert.Equal(network.Memory.WeightHh.ToArray(), tensors["Memory.weight_hh"].Values);
        Assert.Equal(network.Memory.BiasIh.ToArray(), tensors["Memory.bias_ih"].Values);
        Assert.Equal(network.Memory.BiasHh.ToArray(), tensors["Memory.bias_hh"].Values);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f, 0f], tensors["Memory.bias_ih"].Values);
        Assert.Equal(network.Out.Weights.ToArray(), tensors["Out.weight"].Values);
        Assert.Equal(network.Out.Bias.ToArray(), tensors["Out.bias"].Values);
    }

    [Fact]
    public void RenamedGruTensorsHavePyTorchNamesAndShapes()
    {
        // WideSequenceGruNet: Linear(6, 20) "Embed", torch.nn.GRUCell(20, 17) named "gru", Linear(17, 3) "Out".
        var stream = new MemoryStream();
        SafeTensors.Save(new WideSequenceGruNet(), stream);
        Dictionary<string, (int[] Shape, float[] Values)> tensors = ReadTensors(stream.ToArray());
        Assert.Equal(
            ["Embed.bias [20]", "Embed.weight [20,6]", "Out.bias [3]", "Out.weight [3,17]", "gru.bias_hh [51]", "gru.bias_ih [51]", "gru.weight_hh [51,17]", "gru.weight_ih [51,20]"],
            tensors.Select(t => $"{t.Key} [{string.Join(",", t.Value.Shape)}]").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ElmanAndRenamedDenseTensorsHavePyTorchNamesAndShapes()
    {
        // torch.nn.RNNCell(7, 5) named "rnn", then Linear(5, 3) named by its property, "Out".
        var stream = new MemoryStream();
        SafeTensors.Save(new SequenceLayoutNet(), stream);
        Dictionary<string, (int[] Shape, float[] Values)> tensors = ReadTensors(stream.ToArray());
        Assert.Equal(
            ["Out.bias [3]", "Out.weight [3,5]", "rnn.bias_hh [5]", "rnn.bias_ih [5]", "rnn.weight_hh [5,5]", "rnn.weight_ih [5,7]"],
            tensors.Select(t => $"{t.Key} [{string.Join(",", t.Value.Shape)}]").Order(StringComparer.Ordinal));
    }

    // An independent reader: System.Text.Json on the header, BitConverter on the data.
    private static Dictionary<string, (int[] Shape, float[] Values)> ReadTensors(byte[] file)
    {
        int headerLength = (int)BitConverter.ToUInt64(file, 0);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, headerLength));
        var tensors = new Dictionary<string, (int[], float[])>();
        foreach (JsonProperty tensor in header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
        {
            Assert.Equal("F32", tensor.Value.GetProperty("dtype").GetString());
            int[] shape = [.. tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
            int[] offsets = [.. tensor.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt32())];
            float[] values = new float[(offsets[1] - offsets[0]) / 4];
            for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToSingle(file, 8 + headerLength + offsets[0] + 4 * i);
            tensors.Add(tensor.Name, (shape, values));
        }
        return tensors;
    }
}
