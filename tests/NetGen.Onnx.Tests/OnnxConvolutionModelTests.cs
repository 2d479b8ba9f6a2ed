using System.Linq;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx.Tests.Networks;
using Xunit;

namespace NetGen.Onnx.Tests;

/// <summary>
/// What the file holds for convolution and pooling layers: the input's and output's declared shapes, the nodes in
/// order, each window's attributes in ONNX's form (pads as all leading, then all trailing), the Flatten nodes, and
/// the kernels in PyTorch's layout (read back with <see cref="OnnxModelReader"/>).
/// </summary>
public sealed class OnnxConvolutionModelTests
{
    [Theory]
    [InlineData(nameof(ConvClassifierNet), new[] { -1, 2, 16, 14 }, new[] { -1, 3 })]
    [InlineData(nameof(TcnNet), new[] { -1, 3, 20 }, new[] { -1, 2 })]
    [InlineData(nameof(FullyConvNet), new[] { -1, 1, 12 }, new[] { -1, 1, 12 })]
    public void InputAndOutputHaveTheDeclaredShapes(string name, int[] input, int[] output)
    {
        INetwork net = name switch
        {
            nameof(ConvClassifierNet) => new ConvClassifierNet(),
            nameof(TcnNet) => new TcnNet(),
            _ => new FullyConvNet(),
        };
        using var session = new InferenceSession(OnnxRuntimeRunner.Export(net));
        NodeMetadata inputMetadata = session.InputMetadata["input"];
        Assert.Equal(input, inputMetadata.Dimensions);
        Assert.Equal("batch", inputMetadata.SymbolicDimensions[0]);
        Assert.Equal(output, session.OutputMetadata["output"].Dimensions);
    }

    [Fact]
    public void ClassifierNodesCarryTheirWindows()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new ConvClassifierNet()));

        Assert.Equal(
            ["Conv", "Relu", "MaxPool", "Conv", "Elu", "Add", "Conv", "Tanh", "AveragePool", "Flatten", "MatMul", "Add", "Softmax", "Identity"],
            model.Nodes.Select(node => node.OpType));

        AssertWindow(model.Node("Conv1/Conv"), kernel: [3, 3], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1]);
        Assert.Equal(["input", "Conv1.weight", "Conv1.bias"], model.Node("Conv1/Conv").Inputs);
        // "Same" with a 4 × 4 kernel: 3 zeros per axis, 1 before (top, left) and 2 after (bottom, right).
        AssertWindow(model.Node("Same/Conv"), kernel: [4, 4], strides: [1, 1], pads: [1, 1, 2, 2], dilations: [1, 1]);
        AssertWindow(model.Node("Strided/Conv"), kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], dilations: [2, 2]);

        OnnxNode maxPool = model.Node("Pool1/MaxPool");
        AssertWindow(maxPool, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]);
        Assert.Equal(["kernel_shape", "pads", "strides"], maxPool.Attributes.Keys.Order());

        OnnxNode averagePool = model.Node("Pool2/AveragePool");
        AssertWindow(averagePool, kernel: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1]);
        Assert.Equal(["count_include_pad", "kernel_shape", "pads", "strides"], averagePool.Attributes.Keys.Order());
        Assert.Equal(1, averagePool.Attributes["count_include_pad"].Int);

        // The residual adds the pooled map to the activated "same" convolution.
        Assert.Equal(["Same/Elu", "Pool1/MaxPool"], model.Node("Same/Residual").Inputs);
        // The dense head reads the 5 × 2 × 2 map flattened in C, H, W order.
        OnnxNode flatten = model.Node("Out/Flatten");
        Assert.Equal(["Pool2/AveragePool"], flatten.Inputs);
        Assert.Equal(1, flatten.Attributes["axis"].Int);
        Assert.Equal(["Out/Flatten", "Out.weight"], model.Node("Out/MatMul").Inputs);
        Assert.Equal([20L, 3], model.Initializers["Out.weight"].Dims);
    }

    /// <summary>Causal padding is all before the sequence: 2, 4 and 8 zeros for kernel 3 at dilations 1, 2 and 4.</summary>
    [Fact]
    public void TcnHasCausalPadsAndAGlobalPoolFlattenedOnce()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new TcnNet()));

        foreach ((string layer, long dilation) in new[] { ("C1", 1L), ("C2", 2L), ("C3", 4L) })
            AssertWindow(model.Node($"{layer}/Conv"), kernel: [3], strides: [1], pads: [2 * dilation, 0], dilations: [dilation]);
        Assert.Equal(["C3/Tanh", "C1/Relu"], model.Node("C3/Residual").Inputs);

        OnnxNode pool = Assert.Single(model.NodesOf("GlobalAveragePool"));
        Assert.Equal(["C3/Residual"], pool.Inputs);
        Assert.Empty(pool.Attributes);
        // GlobalAveragePool keeps [N, C, 1]: one Flatten makes it [N, C], and the dense layer needs no other.
        OnnxNode flatten = Assert.Single(model.NodesOf("Flatten"));
        Assert.Equal(["Gap/GlobalAveragePool"], flatten.Inputs);
        Assert.Equal("Gap/Flatten", model.Node("Out/MatMul").Inputs[0]);
    }

    /// <summary>ONNX's Conv reads PyTorch's [filters, in channels, kernel…] weight as it is: with every parameter its own index, the initializers are slices of the block.</summary>
    [Fact]
    public void KernelsKeepPyTorchsLayout()
    {
        var net = new ConvClassifierNet();
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] = i;
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(net));

        foreach ((ConvLayer layer, long[] dims) in new[] { (net.Conv1, new long[] { 4, 2, 3, 3 }), (net.Same, [4, 4, 4, 4]), (net.Strided, [5, 4, 3, 3]) })
        {
            OnnxInitializer weight = model.Initializers[$"{layer.Info.Name}.weight"], bias = model.Initializers[$"{layer.Info.Name}.bias"];
            Assert.Equal(dims, weight.Dims);
            Assert.Equal(layer.Weights.ToArray(), weight.Floats);
            Assert.Equal([dims[0]], bias.Dims);
            Assert.Equal(layer.Bias.ToArray(), bias.Floats);
        }
    }

    private static void AssertWindow(OnnxNode node, long[] kernel, long[] strides, long[] pads, long[]? dilations = null)
    {
        Assert.Equal(kernel, node.Attributes["kernel_shape"].Ints);
        Assert.Equal(strides, node.Attributes["strides"].Ints);
        Assert.Equal(pads, node.Attributes["pads"].Ints);
        if (dilations is not null) Assert.Equal(dilations, node.Attributes["dilations"].Ints);
        else Assert.False(node.Attributes.ContainsKey("dilations"));
    }
}
