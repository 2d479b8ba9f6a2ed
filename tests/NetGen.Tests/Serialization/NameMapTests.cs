using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>TensorNameMap: prefixes (DataParallel's module., an encoder.), a mapping function, and nn.LSTM/GRU/RNN names onto stacked layers.</summary>
public sealed class NameMapTests
{
    [Fact]
    public void StripsDataParallelsPrefix()
    {
        var source = new PretrainedNet(1);
        byte[] file = StateDictFile.Of(StateDictFile.Tensors(source, name => "module." + name));
        var target = new PretrainedNet(2);

        Assert.Throws<InvalidDataException>(() => SafeTensors.Load(target, new MemoryStream(file)));
        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), names: new TensorNameMap { StripPrefix = "module." });

        Assert.True(keys.IsEmpty);
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    [Fact]
    public void AddsAPrefix()
    {
        // A file of an encoder saved on its own ("weight", "bias") loads into the layer named "body".
        var source = new PretrainedNet(1);
        byte[] file = StateDictFile.Of(StateDictFile.Tensors(source, name => name).Where(t => t.Name.StartsWith("body.", StringComparison.Ordinal))
            .Select(t => (t.Name["body.".Length..], t.Shape, t.Values)));
        var target = new FineTunedNet(2);

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), strict: false, names: new TensorNameMap { AddPrefix = "body." });

        Assert.Equal(["classifier.weight", "classifier.bias"], keys.MissingKeys);
        Assert.Empty(keys.UnexpectedKeys);
        Assert.Equal(TestData.Bits(source.Body.Weights), TestData.Bits(target.Body.Weights));
    }

    [Fact]
    public void StripThenAddThenMapInThatOrder()
    {
        var map = new TensorNameMap { StripPrefix = "module.", AddPrefix = "net.", Map = name => name == "net.skip" ? null : name.ToUpperInvariant() };
        Assert.Equal("NET.FC.WEIGHT", map.Apply("module.fc.weight"));
        Assert.Equal("NET.OTHER.FC", map.Apply("other.fc"));
        Assert.Null(map.Apply("module.skip"));
        Assert.Equal("x", new TensorNameMap().Apply("x"));
    }

    [Fact]
    public void AMappingFunctionRenamesAndSkips()
    {
        var source = new PretrainedNet(1);
        byte[] file = StateDictFile.Of([.. StateDictFile.Tensors(source, name => name.Replace("body", "encoder.0")), ("num_batches_tracked", [1], [3f])]);
        var target = new PretrainedNet(2);

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file),
            names: new TensorNameMap { Map = name => name == "num_batches_tracked" ? null : name.Replace("encoder.0", "body") });

        Assert.True(keys.IsEmpty); // the skipped tensor is neither loaded nor unexpected
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    [Fact]
    public void AMappedNameIsNamedInMessagesWithTheNetworksName()
    {
        byte[] file = StateDictFile.Of([("module.fc2.bias", [2], [1f, 2f])]);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
            SafeTensors.Load(new TinyNet(), new MemoryStream(file), strict: false, names: new TensorNameMap { StripPrefix = "module." }));
        Assert.Equal("Tensor 'module.fc2.bias' (the network's 'fc2.bias') has shape [2]; the network expects [1].", e.Message);
    }

    // nn.LSTM's state dict: the layers' tensors with an _l{k} suffix, in PyTorch's gate order, which NetGen shares.
    [Fact]
    public void ATorchLstmStateDictLoadsIntoStackedLayers()
    {
        var source = new StackedLstmNet(1);
        byte[] file = StateDictFile.Of(StateDictFile.Tensors(source, TorchLstmName));
        var target = new StackedLstmNet(2);

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), names: TensorNameMap.ForTorchRecurrent("lstm", "lower", "upper"));

        Assert.True(keys.IsEmpty);
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    [Fact]
    public void ATorchGruStateDictLoadsIntoStackedLayers()
    {
        var source = new StackedGruNet(1);
        byte[] file = StateDictFile.Of(StateDictFile.Tensors(source, name => TorchName(name, "gru", "g0", "g1")));
        var target = new StackedGruNet(2);

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), names: TensorNameMap.ForTorchRecurrent("gru", ["g0", "g1"]));

        Assert.True(keys.IsEmpty);
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    [Fact]
    public void ATorchRnnStateDictWithoutAPrefixLoads()
    {
        // The file of the nn.RNN module itself: weight_ih_l0 … with no prefix.
        var source = new SingleRnnNet(1);
        byte[] file = StateDictFile.Of(StateDictFile.Tensors(source, name => name.StartsWith("cell.", StringComparison.Ordinal) ? name["cell.".Length..] + "_l0" : name)
            .Where(t => t.Name != "fc.weight" && t.Name != "fc.bias"));
        var target = new SingleRnnNet(2);
        float[] fcBefore = target.Out.Weights.ToArray();

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), strict: false, names: TensorNameMap.ForTorchRecurrent("", "cell"));

        Assert.Equal(["fc.weight", "fc.bias"], keys.MissingKeys);
        Assert.Empty(keys.UnexpectedKeys);
        Assert.Equal(TestData.Bits(source.Cell.WeightIh), TestData.Bits(target.Cell.WeightIh));
        Assert.Equal(TestData.Bits(source.Cell.BiasHh), TestData.Bits(target.Cell.BiasHh));
        Assert.Equal(TestData.Bits(fcBefore), TestData.Bits(target.Out.Weights));
    }

    [Fact]
    public void TheRecurrentMapLeavesOtherNamesAlone()
    {
        TensorNameMap map = TensorNameMap.ForTorchRecurrent("lstm", "lower", "upper");
        Assert.Equal("lower.weight_ih", map.Apply("lstm.weight_ih_l0"));
        Assert.Equal("upper.bias_hh", map.Apply("lstm.bias_hh_l1"));
        Assert.Equal("lstm.weight_ih_l2", map.Apply("lstm.weight_ih_l2"));           // no third layer
        Assert.Equal("lstm.weight_ih_l0_reverse", map.Apply("lstm.weight_ih_l0_reverse")); // bidirectional: not mapped
        Assert.Equal("lstm.weight_ih_l01", map.Apply("lstm.weight_ih_l01"));
        Assert.Equal("lstm.weight_ih_l", map.Apply("lstm.weight_ih_l"));
        Assert.Equal("lstm.weight_ih_l-1", map.Apply("lstm.weight_ih_l-1"));
        Assert.Equal("other.weight_ih_l0", map.Apply("other.weight_ih_l0"));
        Assert.Equal("fc.weight", map.Apply("fc.weight"));
        Assert.Throws<ArgumentException>(() => TensorNameMap.ForTorchRecurrent("lstm"));
        Assert.Throws<ArgumentException>(() => TensorNameMap.ForTorchRecurrent("lstm", "a", ""));
        Assert.Throws<ArgumentNullException>(() => TensorNameMap.ForTorchRecurrent(null!, "a"));
    }

    [Fact]
    public void ABidirectionalFilesReverseTensorsAreUnexpected()
    {
        var source = new StackedLstmNet(1);
        byte[] file = StateDictFile.Of([.. StateDictFile.Tensors(source, TorchLstmName), ("lstm.weight_ih_l0_reverse", [16, 3], new float[48])]);
        var target = new StackedLstmNet(2);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
            SafeTensors.Load(target, new MemoryStream(file), names: TensorNameMap.ForTorchRecurrent("lstm", "lower", "upper")));
        Assert.Contains("'lstm.weight_ih_l0_reverse' is not a tensor of this network", e.Message, StringComparison.Ordinal);

        IncompatibleKeys keys = SafeTensors.Load(target, new MemoryStream(file), strict: false, names: TensorNameMap.ForTorchRecurrent("lstm", "lower", "upper"));
        Assert.Equal(["lstm.weight_ih_l0_reverse"], keys.UnexpectedKeys);
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    private static string TorchLstmName(string name) => TorchName(name, "lstm", "lower", "upper");

    // What nn.LSTM/GRU/RNN calls layer k's tensor: {module}.weight_ih_l{k} for NetGen's {layers[k]}.weight_ih.
    private static string TorchName(string name, string module, params string[] layers)
    {
        for (int k = 0; k < layers.Length; k++)
            if (name.StartsWith(layers[k] + ".", StringComparison.Ordinal))
                return $"{module}.{name[(layers[k].Length + 1)..]}_l{k}";
        return name;
    }
}
