using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Serialization.SafeTensorsBytes;

namespace NetGen.Tests.Serialization;

/// <summary>strict: false as PyTorch's load_state_dict(strict=False); strict: true listing every fault at once.</summary>
public sealed class PartialLoadTests
{
    private static byte[] Saved(INetwork net)
    {
        var stream = new MemoryStream();
        SafeTensors.Save(net, stream);
        return stream.ToArray();
    }

    [Fact]
    public void APretrainedBodyLoadsUnderANewHead()
    {
        var pretrained = new PretrainedNet(1);
        var fineTuned = new FineTunedNet(2);
        float[] classifierBefore = [.. fineTuned.Classifier.Weights.ToArray(), .. fineTuned.Classifier.Bias.ToArray()];

        IncompatibleKeys keys = SafeTensors.Load(fineTuned, new MemoryStream(Saved(pretrained)), strict: false);

        Assert.Equal(["classifier.weight", "classifier.bias"], keys.MissingKeys);
        Assert.Equal(["head.bias", "head.weight"], keys.UnexpectedKeys);
        Assert.False(keys.IsEmpty);
        Assert.Equal(TestData.Bits(pretrained.Body.Weights), TestData.Bits(fineTuned.Body.Weights));
        Assert.Equal(TestData.Bits(pretrained.Body.Bias), TestData.Bits(fineTuned.Body.Bias));
        Assert.Equal(TestData.Bits(classifierBefore), TestData.Bits([.. fineTuned.Classifier.Weights.ToArray(), .. fineTuned.Classifier.Bias.ToArray()]));
    }

    [Fact]
    public void AnExactLoadReturnsNoIncompatibleKeys()
    {
        var source = new PretrainedNet(1);
        var target = new PretrainedNet(2);
        IncompatibleKeys strict = SafeTensors.Load(target, new MemoryStream(Saved(source)));
        IncompatibleKeys lenient = SafeTensors.Load(target, new MemoryStream(Saved(source)), strict: false);
        Assert.True(strict.IsEmpty);
        Assert.True(lenient.IsEmpty);
        Assert.Equal(TestData.Bits(source.Parameters), TestData.Bits(target.Parameters));
    }

    [Fact]
    public void StrictListsEveryFaultInOneException()
    {
        // fc1.weight has the wrong shape, fc2.bias is missing, fc3.weight and fc4.bias are not the network's.
        byte[] file = File(Header(Entry("fc1.weight", "F32", "[4,1]", 0, 16), Fc1Bias, Fc2Weight,
            Entry("fc3.weight", "F32", "[1]", 32, 36), Entry("fc4.bias", "F32", "[1]", 36, 40)), [.. TinyData, 0, 0, 0, 0]);
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file)));

        Assert.StartsWith("The file does not match the network in 4 ways:", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tensor 'fc1.weight' has shape [4, 1]; the network expects [2, 2].", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tensor 'fc2.bias' is missing: the network expects F32 [1].", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tensor 'fc3.weight' is not a tensor of this network", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tensor 'fc4.bias' is not a tensor of this network", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void AShapeMismatchIsAnErrorEvenWhenNotStrict()
    {
        byte[] file = File(Header(Entry("fc1.weight", "F32", "[4,1]", 0, 16), Fc1Bias), TinyData.AsSpan(0, 24));
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file), strict: false));

        Assert.Equal("Tensor 'fc1.weight' has shape [4, 1]; the network expects [2, 2].", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void ANonFloatDtypeIsAnErrorEvenWhenNotStrict()
    {
        byte[] file = File(Header(Entry("fc2.bias", "I32", "[1]", 0, 4)), TinyData.AsSpan(0, 4));
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file), strict: false));
        Assert.Equal("Tensor 'fc2.bias' has dtype I32; expected F32, F16, BF16 or F64.", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void NotStrictLoadsWhatMatchesAndReportsTheRest()
    {
        byte[] file = File(Header(Fc2Weight.Replace("[24,32]", "[0,8]"), Entry("extra", "I64", "[1]", 8, 16)), [.. TinyData.AsSpan(24, 8), 1, 2, 3, 4, 5, 6, 7, 8]);
        var network = new TinyNet();
        float[] before = network.Parameters.ToArray();

        IncompatibleKeys keys = SafeTensors.Load(network, new ForwardOnlyStream(file), strict: false);

        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.bias"], keys.MissingKeys);
        Assert.Equal(["extra"], keys.UnexpectedKeys);
        Assert.Equal([.. before[..6], 0.5f, -1f, before[8]], network.Parameters.ToArray());
    }

    [Fact]
    public void AllowExtraReportsTheExtraTensors()
    {
        byte[] file = File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Entry("step", "I64", "[]", 36, 44)), [.. TinyData, 0, 0, 0, 0, 0, 0, 0, 0]);
        IncompatibleKeys keys = SafeTensors.Load(new TinyNet(), new MemoryStream(file), allowExtra: true);
        Assert.Empty(keys.MissingKeys);
        Assert.Equal(["step"], keys.UnexpectedKeys);
    }

    [Fact]
    public void TwoTensorsMappedToOneAreAnError()
    {
        byte[] file = File(Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias, Entry("module.fc2.bias", "F32", "[1]", 36, 40)), [.. TinyData, 0, 0, 0, 0]);
        var network = new TinyNet();
        int[] before = TestData.Bits(network.Parameters);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() =>
            SafeTensors.Load(network, new MemoryStream(file), strict: false, names: new TensorNameMap { StripPrefix = "module." }));
        Assert.Equal("Tensors 'fc2.bias' and 'module.fc2.bias' both map to the network's tensor 'fc2.bias'.", e.Message);
        Assert.Equal(before, TestData.Bits(network.Parameters));
    }

    [Fact]
    public void ExpectedTensorsListsNamesDtypesAndShapesInNetworkOrder()
    {
        var tensors = SafeTensors.ExpectedTensors(new TinyNet());
        Assert.Equal(["fc1.weight F32 [2, 2]", "fc1.bias F32 [2]", "fc2.weight F32 [1, 2]", "fc2.bias F32 [1]"], tensors.Select(t => t.ToString()));
        Assert.Equal([2, 2], tensors[0].Shape);
        Assert.Equal("F32", tensors[0].Dtype);
        Assert.Equal(TinyNet.ParameterCount, tensors.Sum(t => t.Count));

        var lstm = SafeTensors.ExpectedTensors(new StackedLstmNet());
        Assert.Equal(["lower.weight_ih", "lower.weight_hh", "lower.bias_ih", "lower.bias_hh", "upper.weight_ih", "upper.weight_hh", "upper.bias_ih", "upper.bias_hh", "fc.weight", "fc.bias"],
            lstm.Select(t => t.Name));
        Assert.Equal([16, 3], lstm[0].Shape);
        Assert.Equal([16, 4], lstm[4].Shape);
        Assert.Equal(StackedLstmNet.ParameterCount, lstm.Sum(t => t.Count));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.ExpectedTensors(null!));
    }

    [Fact]
    public void ExpectedTensorsCannotBeChangedByTheCaller()
    {
        var tensors = SafeTensors.ExpectedTensors(new TinyNet());
        Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<ExpectedTensor>)tensors)[0] = tensors[1]);
        Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<int>)tensors[0].Shape)[0] = 7);
        Assert.Equal([2, 2], SafeTensors.ExpectedTensors(new TinyNet())[0].Shape);
    }
}
