using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

public class PretrainingTests
{
    private static readonly RbmTrainingOptions QuickRbm = new() { Epochs = 10, Momentum = 0.5f, Seed = 3 };

    [Fact]
    public void RbmsWriteEachRbmIntoItsLayerAndLeaveTheOutputLayer()
    {
        var net = new SigmoidStackNet();
        float[] output = net.Out.Weights.ToArray();
        Dataset data = PretrainingData.Repeated(50);
        var epochs = 0;
        DeepBeliefNetwork dbn = Pretraining.Rbms(net, data, QuickRbm, epochEnded: e =>
        {
            epochs++;
            Assert.True(e.ReconstructionError is >= 0 and < 1);
        });
        Assert.Equal(2 * QuickRbm.Epochs, epochs);
        Assert.Equal(2, dbn.Layers.Count);
        Assert.Equal(output, net.Out.Weights.ToArray());

        // The network's hidden layers now compute the RBMs' p(h | v), layer on layer.
        float[] v = PretrainingData.Patterns[1];
        net.Forward(v, new float[2]);
        var first = new float[4];
        var second = new float[3];
        dbn.Layers[0].HiddenProbabilities(v, first, 1);
        dbn.Layers[1].HiddenProbabilities(first, second, 1);
        AssertClose(first, net.LayerOutput(1));
        AssertClose(second, net.LayerOutput(2));
        Assert.Equal(dbn.Layers[0].Weights.ToArray(), net.First.Weights.ToArray());
        Assert.Equal(dbn.Layers[1].HiddenBias.ToArray(), net.Second.Bias.ToArray());
    }

    [Fact]
    public void RbmsAreReproducibleFromTheSeed()
    {
        Dataset data = PretrainingData.Repeated(10);
        SigmoidStackNet a = new(), b = new();
        Pretraining.Rbms(a, data, QuickRbm with { Epochs = 2 });
        Pretraining.Rbms(b, data, QuickRbm with { Epochs = 2 });
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.NotEqual(new SigmoidStackNet().First.Weights.ToArray(), a.First.Weights.ToArray());
    }

    [Fact]
    public void PretrainedNetworkFineTunesToAPerfectFit()
    {
        var net = new SigmoidStackNet();
        Dataset data = PretrainingData.Repeated(25);
        Pretraining.Rbms(net, data, QuickRbm);
        var optimizer = new Sgd(0.5f, momentum: 0.9f);
        float loss = float.NaN;
        for (int epoch = 0; epoch < 30; epoch++)
            for (int start = 0; start < data.Count; start += 10)
                loss = net.TrainBatch(data.Inputs.Slice(start * 6, 10 * 6), data.Targets.Slice(start * 2, 10 * 2), 10, optimizer);
        Assert.True(loss < 0.05, $"cross-entropy after fine-tuning {loss:F4}");
    }

    [Fact]
    public void RbmsRejectNetworksTheyCannotFill()
    {
        Dataset six = PretrainingData.Repeated(1);
        var e = Assert.Throws<ArgumentException>("net", () => Pretraining.Rbms(new TanhReluStackNet(), six, QuickRbm));
        Assert.Contains("Layer 'First' is Tanh: RBM pre-training needs Sigmoid hidden layers", e.Message);
        e = Assert.Throws<ArgumentException>("net", () => Pretraining.Rbms(new UnseededNet(), new Dataset(new float[3], 3, new float[4], 4), QuickRbm));
        Assert.Contains("at least one hidden dense layer", e.Message);
        e = Assert.Throws<ArgumentException>("net", () => Pretraining.Rbms(new ResidualNet(), new Dataset(new float[4], 4, new float[4], 4), QuickRbm));
        Assert.Contains("Layer 'A' adds the output of 'In'", e.Message);
        e = Assert.Throws<ArgumentException>("net", () => Pretraining.Rbms(new SequenceRnnNet(), new Dataset(new float[3], 3, new float[2], 2), QuickRbm));
        Assert.Contains("Layer 'Rnn' is Recurrent", e.Message);
        e = Assert.Throws<ArgumentException>("data", () => Pretraining.Rbms(new SigmoidStackNet(), new Dataset(new float[5], 5, new float[2], 2), QuickRbm));
        Assert.Contains("Expected samples of 6 values", e.Message);
        Assert.Throws<ArgumentNullException>("net", () => Pretraining.Rbms(null!, six, QuickRbm));
        Assert.Throws<ArgumentNullException>("options", () => Pretraining.Rbms(new SigmoidStackNet(), six, null!));
        Assert.Throws<ArgumentOutOfRangeException>("inputUnits", () => Pretraining.Rbms(new SigmoidStackNet(), six, QuickRbm, (RbmVisibleUnits)5));
        Assert.Throws<ArgumentException>("net", () => Pretraining.Autoencoders(new UnseededNet(), new Dataset(new float[3], 3, new float[4], 4), new AutoencoderTrainingOptions()));
    }

    [Fact]
    public void AutoencodersReduceReconstructionErrorAndLeaveTheEncodersInTheLayers()
    {
        var net = new TanhReluStackNet();
        float[] output = net.Out.Weights.ToArray();
        Dataset data = PretrainingData.Repeated(50);
        var layers = Pretraining.Autoencoders(net, data, new AutoencoderTrainingOptions { Epochs = 40, BatchSize = 10, Optimizer = () => new Adam(1e-2f), Seed = 1 });
        Assert.Equal(["First", "Second"], new[] { layers[0].LayerName, layers[1].LayerName });
        foreach (AutoencoderLayer layer in layers)
            Assert.True(layer.FinalError < 0.3 * layer.InitialError, $"{layer.LayerName}: {layer.InitialError:F4} -> {layer.FinalError:F4}");
        Assert.Equal(output, net.Out.Weights.ToArray());

        float[] v = PretrainingData.Patterns[3];
        net.Forward(v, new float[2]);
        var first = new float[5];
        var second = new float[4];
        layers[0].Autoencoder.Encode(v, first, 1);
        layers[1].Autoencoder.Encode(first, second, 1);
        AssertClose(first, net.LayerOutput(1));
        AssertClose(second, net.LayerOutput(2));
    }

    [Fact]
    public void AutoencodersStartFromTheLayersInitialWeights()
    {
        var net = new TanhReluStackNet();
        float[] initial = net.First.Weights.ToArray();
        var layers = Pretraining.Autoencoders(net, PretrainingData.Repeated(2), new AutoencoderTrainingOptions { Epochs = 0 });
        Assert.Equal(initial, net.First.Weights.ToArray());
        Assert.Equal(layers[0].InitialError, layers[0].FinalError);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
