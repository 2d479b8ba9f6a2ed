using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Convolution and pooling layers: finite-difference gradients for every window option (stride, padding, "same",
/// dilation, causal, max and average pooling with padding, global pooling, residual), the forward pass against a
/// double-precision reference written from PyTorch's definitions, causality, batches, and PyTorch's tensor names.
/// </summary>
[Trait("Category", "Numerical")] // also run on the 256-bit, 128-bit and scalar paths by .ci/run
public sealed class ConvolutionTests
{
    public static TheoryData<string> Networks() => new(nameof(SmallCnn), nameof(WindowOptionsCnn), nameof(CausalTcn), nameof(CausalSequenceConv), nameof(WideConvNet));

    internal static (INetwork Network, Loss Loss) Create(string name) => name switch
    {
        nameof(SmallCnn) => (new SmallCnn(), Loss.CrossEntropy),
        nameof(WindowOptionsCnn) => (new WindowOptionsCnn(), Loss.MeanSquaredError),
        nameof(CausalTcn) => (new CausalTcn(), Loss.MeanSquaredError),
        nameof(CausalSequenceConv) => (new CausalSequenceConv(), Loss.MeanSquaredError),
        nameof(WideConvNet) => (new WideConvNet(), Loss.MeanSquaredError),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        (INetwork network, Loss loss) = Create(name);
        GradientChecker.AssertMatchesOnSamples(network, loss, name, samples: 2, seed: 11);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ForwardMatchesTheDoubleReference(string name)
    {
        (INetwork network, _) = Create(name);
        GradientChecker.RandomizeBiases(network, seed: 12);
        float[] input = TestData.Uniform(network.InputSize, 320);
        var actual = new float[network.OutputSize];
        network.Forward(input, actual);
        double[] expected = DoubleReference.Forward(network.Layers, network.Parameters, input);
        for (int i = 0; i < actual.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 + 1e-4 * Math.Abs(expected[i]), $"{name} output {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void ACausalStackNeverSeesTheFuture()
    {
        var network = new CausalSequenceConv();
        GradientChecker.RandomizeBiases(network, seed: 13);
        float[] input = TestData.Uniform(10, 330), before = new float[10], after = new float[10];
        network.Forward(input, before);
        for (int t = 9; t >= 1; t--)
        {
            input[t] += 1f; // change step t: outputs before t must not move, output t must
            network.Forward(input, after);
            Assert.Equal(TestData.Bits(before.AsSpan(0, t)), TestData.Bits(after.AsSpan(0, t)));
            Assert.NotEqual(before[t], after[t]);
            network.Forward(input, before);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatchAppliesTheMeanOfTheSampleGradients(string name)
    {
        const int batch = 3;
        (INetwork network, Loss loss) = Create(name);
        INetwork single = network.Clone();
        float[] inputs = TestData.Uniform(batch * network.InputSize, 340);
        float[] targets = Enumerable.Range(0, batch).SelectMany(sample => TestData.Target(loss, network.OutputSize, 350 + sample)).ToArray();
        var output = new float[network.OutputSize];
        single.ZeroGradients();
        for (int sample = 0; sample < batch; sample++)
        {
            single.Forward(inputs.AsSpan(sample * network.InputSize, network.InputSize), output);
            single.Backward(targets.AsSpan(sample * network.OutputSize, network.OutputSize));
        }
        var recorder = new RecordingOptimizer();
        Assert.True(float.IsFinite(network.TrainBatch(inputs, targets, batch, recorder)));
        float[] mean = single.Gradients.ToArray().Select(g => g / batch).ToArray();
        float[] batched = recorder.Gradients[0];
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - batched[i]) <= 1e-5 + 1e-4 * Math.Abs(mean[i]), $"{name} gradient {i}: {batched[i]} vs {mean[i]}");
    }

    [Fact]
    public void TensorsHavePyTorchNamesAndShapesAndRoundTrip()
    {
        var saved = new WindowOptionsCnn(seed: 21);
        var stream = new MemoryStream();
        SafeTensors.Save(saved, stream);
        Assert.Equal(
            ["Strided.weight [4,2,3,3]", "Strided.bias [4]", "Dilated.weight [4,4,3,3]", "Dilated.bias [4]", "head.weight [2,4,2,2]", "head.bias [2]", "Out.weight [2,24]", "Out.bias [2]"],
            SafeTensors.ExpectedTensors(saved).Select(tensor => $"{tensor.Name} [{string.Join(",", tensor.Shape)}]"));
        var loaded = new WindowOptionsCnn(seed: 22);
        stream.Position = 0;
        SafeTensors.Load(loaded, stream);
        Assert.Equal(TestData.Bits(saved.Parameters), TestData.Bits(loaded.Parameters));
        Assert.Equal(TestData.Bits(saved.Dilated.Weights), TestData.Bits(loaded.Parameters.Slice(loaded.Dilated.Info.ParameterOffset, 144)));
    }

    [Fact]
    public void ShapesAreComputedAsPyTorchDoes()
    {
        var network = new WindowOptionsCnn();
        // (9 + 2 − 3)/2 + 1 = 5 rows, (8 + 2 − 3)/2 + 1 = 4 columns; "same" keeps them; a 2×2 kernel gives 4 × 3.
        Assert.Equal([2, 9, 8], network.Layers[0].OutputShape);
        Assert.Equal([4, 5, 4], network.Strided.Info.OutputShape);
        Assert.Equal([4, 5, 4], network.Dilated.Info.OutputShape);
        Assert.Equal(new Window(3, 3, 1, 1, 2, 2, 2, 2, 2, 2), network.Dilated.Window);
        Assert.Equal([4, 5, 4], network.Smooth.Info.OutputShape);
        Assert.Equal([2, 4, 3], network.Head.Info.OutputShape);
        Assert.Equal(24, network.Out.Info.InputSize); // flattened C·H·W, as torch.nn.Flatten
        var tcn = new CausalTcn();
        Assert.Equal(new Window(1, 3, 1, 1, 1, 2, 0, 0, 4, 0), tcn.Second.Window); // causal: (k − 1)·d zeros before
        Assert.Equal(new Window(1, 4, 1, 1, 1, 1, 0, 0, 1, 2), tcn.Even.Window); // "same" with an even kernel: the far side gets more
        Assert.Equal([3], tcn.Global.Info.OutputShape);
        string summary = WindowOptionsCnn.Summary;
        Assert.Contains("(None, 4, 5, 4)", summary);
        Assert.Contains("(None, 2, 4, 3)", summary);
    }
}
