using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Onnx.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Normalisation and dropout in the exported model: ONNX Runtime gives what Forward (evaluation mode) gives, with
/// running statistics far from their initial 0 and 1; BatchNormalization reads γ, β and the running statistics,
/// LayerNormalization normalises from axis 1, and dropout has no node.
/// </summary>
public sealed class OnnxNormalizationTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;
    private const int Batch = 4;

    private static readonly Dictionary<string, Func<INetwork>> s_networks = new()
    {
        [nameof(DenseBatchNormNet)] = () => new DenseBatchNormNet(),
        [nameof(ConvBatchNormNet)] = () => new ConvBatchNormNet(),
        [nameof(Conv1DBatchNormNet)] = () => new Conv1DBatchNormNet(),
        [nameof(DenseLayerNormNet)] = () => new DenseLayerNormNet(),
        [nameof(ConvLayerNormNet)] = () => new ConvLayerNormNet(),
        [nameof(DropoutNet)] = () => new DropoutNet(),
    };

    /// <summary>Random parameters (γ and β included) and, for each batch norm, running means in ±0.5 and variances in [0.3, 2.3).</summary>
    private static INetwork Randomized(string name)
    {
        INetwork net = s_networks[name]();
        OnnxRuntimeRunner.Randomize(net, seed: 31);
        float[] state = OnnxRuntimeRunner.Uniform(net.Buffers.Length, seed: 32, scale: 0.5f);
        foreach (LayerInfo layer in net.Layers.Where(layer => layer.Kind == LayerKind.BatchNorm))
        {
            int channels = layer.OutputShape[0];
            for (int c = 0; c < channels; c++) state[layer.BufferOffset + channels + c] += 1.3f + 0.5f * c;
        }
        state.CopyTo(net.Buffers);
        return net;
    }

    [Theory]
    [InlineData(nameof(DenseBatchNormNet))]
    [InlineData(nameof(ConvBatchNormNet))]
    [InlineData(nameof(Conv1DBatchNormNet))]
    [InlineData(nameof(DenseLayerNormNet))]
    [InlineData(nameof(ConvLayerNormNet))]
    [InlineData(nameof(DropoutNet))]
    public void MatchesForwardInEvaluationMode(string name)
    {
        INetwork net = Randomized(name);
        float[] inputs = OnnxRuntimeRunner.Uniform(Batch * net.InputSize, seed: 33, scale: 2f);

        float[] expected = OnnxRuntimeRunner.Forward(net, inputs, Batch, net.OutputSize);
        float[] actual = OnnxRuntimeRunner.Run(OnnxRuntimeRunner.Export(net), inputs, [Batch, .. net.Layers[0].OutputShape]);

        float error = OnnxRuntimeRunner.MaxAbsError(expected, actual);
        output.WriteLine($"{name}: max abs error {error:G3} over {expected.Length} outputs");
        Assert.True(error <= Tolerance, $"{name}: ONNX Runtime differs from Forward by up to {error:G3} (tolerance {Tolerance:G3}).");
    }

    /// <summary>The running statistics matter: the same network with them at their initial values gives other outputs.</summary>
    [Fact]
    public void TheRunningStatisticsAreExported()
    {
        INetwork net = Randomized(nameof(DenseBatchNormNet));
        float[] inputs = OnnxRuntimeRunner.Uniform(Batch * net.InputSize, seed: 34, scale: 2f);
        float[] trained = OnnxRuntimeRunner.Run(OnnxRuntimeRunner.Export(net), inputs, Batch, net.InputSize);

        INetwork fresh = net.Clone();
        ((INetwork)new DenseBatchNormNet()).Buffers.CopyTo(fresh.Buffers);
        float[] initial = OnnxRuntimeRunner.Run(OnnxRuntimeRunner.Export(fresh), inputs, Batch, net.InputSize);

        Assert.True(OnnxRuntimeRunner.MaxAbsError(trained, initial) > 0.01f);
    }

    [Fact]
    public void BatchNormalizationReadsScaleBiasMeanAndVarianceThenTheActivation()
    {
        var net = (DenseBatchNormNet)Randomized(nameof(DenseBatchNormNet));
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(net));

        Assert.Equal(
            ["MatMul", "Add", "BatchNormalization", "Relu", "MatMul", "Add", "BatchNormalization", "Tanh", "Add", "MatMul", "Add", "Softmax", "Identity"],
            model.Nodes.Select(node => node.OpType));
        OnnxNode norm = model.Node("Norm/BatchNormalization");
        Assert.Equal(["Hidden/Add", "Norm.weight", "Norm.bias", "Norm.running_mean", "Norm.running_var"], norm.Inputs);
        Assert.Equal(["epsilon"], norm.Attributes.Keys); // training_mode stays 0: inference
        Assert.Equal(1e-5f, norm.Attributes["epsilon"].Float);
        Assert.Equal(net.Norm.Weight.ToArray(), model.Initializers["Norm.weight"].Floats);
        Assert.Equal(net.Norm.RunningMean.ToArray(), model.Initializers["Norm.running_mean"].Floats);
        Assert.Equal(net.Norm.RunningVariance.ToArray(), model.Initializers["Norm.running_var"].Floats);
        Assert.Equal([6L], model.Initializers["Norm.running_var"].Dims);
        Assert.Equal(["Norm2/Tanh", "Norm/Relu"], model.Node("Norm2/Residual").Inputs);
    }

    [Fact]
    public void LayerNormalizationNormalisesFromAxisOneWithTheSamplesShape()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new ConvLayerNormNet()));

        OnnxNode norm = model.Node("Norm/LayerNormalization");
        Assert.Equal(["Conv/Conv", "Norm.weight", "Norm.bias"], norm.Inputs);
        Assert.Equal(1, norm.Attributes["axis"].Int);
        Assert.Equal(1e-5f, norm.Attributes["epsilon"].Float);
        Assert.Equal([3L, 3, 3], model.Initializers["Norm.weight"].Dims);
        Assert.Equal(["Norm/LayerNormalization"], model.Node("Norm/Tanh").Inputs);
    }

    [Fact]
    public void DropoutHasNoNode()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new DropoutNet()));

        Assert.Equal(["MatMul", "Add", "Relu", "MatMul", "Add", "Identity"], model.Nodes.Select(node => node.OpType));
        Assert.Equal(["Hidden/Relu", "Out.weight"], model.Node("Out/MatMul").Inputs);
        Assert.Equal(["Out/Add"], model.Node("output").Inputs);
    }
}
