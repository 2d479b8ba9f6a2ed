using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx.Tests.Networks;
using Xunit;

namespace NetGen.Onnx.Tests;

/// <summary>
/// What the saved file declares: IR version, producer, graph name, the symbolic batch and step dimensions, and the
/// nodes and initializers the GRU, SELU and SiLU mappings write (read back with <see cref="OnnxModelReader"/>).
/// </summary>
public sealed class OnnxModelFileTests
{
    [Fact]
    public void ModelStartsWithIrVersionAndProducer()
    {
        byte[] model = OnnxRuntimeRunner.Export(new ClassifierNet());
        // ir_version (field 1, varint) = 8, then producer_name (field 2, length-delimited) = "NetGen".
        byte[] expected = [0x08, 0x08, 0x12, 0x06, .. Encoding.UTF8.GetBytes("NetGen")];
        Assert.Equal(expected, model[..expected.Length]);
    }

    [Fact]
    public void SavedFileLoadsWithItsMetadataAndShapes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(new ClassifierNet(), path);
            using var session = new InferenceSession(path);
            Assert.Equal("NetGen", session.ModelMetadata.ProducerName);
            Assert.Equal(nameof(ClassifierNet), session.ModelMetadata.GraphName);
            NodeMetadata input = session.InputMetadata["input"];
            Assert.Equal(new[] { -1, ClassifierNet.InputSize }, input.Dimensions);
            Assert.Equal("batch", input.SymbolicDimensions[0]);
            Assert.Equal(new[] { -1, ClassifierNet.OutputSize }, session.OutputMetadata["output"].Dimensions);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(nameof(RnnSequenceNet), true)]
    [InlineData(nameof(RnnLastStepNet), false)]
    [InlineData(nameof(GruSequenceNet), true)]
    [InlineData(nameof(GruLastStepNet), false)]
    public void SequenceModelsHaveSymbolicBatchAndSteps(string name, bool outputsEveryStep)
    {
        INetwork net = name switch
        {
            nameof(RnnSequenceNet) => new RnnSequenceNet(),
            nameof(RnnLastStepNet) => new RnnLastStepNet(),
            nameof(GruSequenceNet) => new GruSequenceNet(),
            _ => new GruLastStepNet(),
        };
        using var session = new InferenceSession(OnnxRuntimeRunner.Export(net));
        NodeMetadata input = session.InputMetadata["input"];
        Assert.Equal(new[] { -1, -1, net.InputSize }, input.Dimensions);
        Assert.Equal(new[] { "batch", "steps" }, input.SymbolicDimensions.Take(2));
        int[] output = session.OutputMetadata["output"].Dimensions;
        Assert.Equal(outputsEveryStep ? new[] { -1, -1, net.OutputSize } : new[] { -1, net.OutputSize }, output);
    }

    /// <summary>
    /// Each GRU is one ONNX GRU node with PyTorch's reset-gate placement (linear_before_reset = 1), its width as
    /// hidden_size and ONNX's default activations (sigmoid, tanh, which are PyTorch's); the LSTM node has no such
    /// attribute. The first GRU hands on every step (Y), the last only its last step (Y_h).
    /// </summary>
    [Fact]
    public void GruNodesCarryLinearBeforeResetAndHiddenSize()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new GruLstmNet()));

        OnnxNode[] grus = model.NodesOf("GRU");
        Assert.Equal(["First/GRU", "Last/GRU"], grus.Select(node => node.Name));
        foreach ((OnnxNode node, int units) in grus.Zip([5, 4]))
        {
            Assert.Equal(["hidden_size", "linear_before_reset"], node.Attributes.Keys.Order());
            Assert.Equal(units, node.Attributes["hidden_size"].Int);
            Assert.Equal(1, node.Attributes["linear_before_reset"].Int);
            string layer = node.Name.Split('/')[0];
            Assert.Equal([$"{layer}.W", $"{layer}.R", $"{layer}.B"], node.Inputs[1..]);
        }
        Assert.Equal("input/StepMajor", grus[0].Inputs[0]);
        Assert.Equal(["First/GRU/Y", ""], grus[0].Outputs);
        Assert.Equal(["", "Last/GRU/Y_h"], grus[1].Outputs);
        Assert.Equal([1L, 15, 3], model.Initializers["First.W"].Dims);
        Assert.Equal([1L, 15, 5], model.Initializers["First.R"].Dims);
        Assert.Equal([1L, 30], model.Initializers["First.B"].Dims);
        Assert.Equal([1L, 12, 5], model.Initializers["Last.W"].Dims);

        OnnxNode lstm = Assert.Single(model.NodesOf("LSTM"));
        Assert.Equal(["hidden_size"], lstm.Attributes.Keys);
        Assert.Equal(5, lstm.Attributes["hidden_size"].Int);
    }

    /// <summary>
    /// PyTorch stores the GRU's gate blocks r, z, n; ONNX reads z, r, h. With every parameter set to its own index,
    /// W, R and each half of B must hold PyTorch's blocks 1, 0, 2 in that order.
    /// </summary>
    [Fact]
    public void GruGateBlocksAreReorderedToOnnxZrh()
    {
        var net = new GruLastStepNet();
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] = i;
        LayerInfo gru = net.Layers[1];
        int units = gru.OutputSize, inputs = gru.InputSize, rows = 3 * units, at = gru.ParameterOffset;
        int[] pyTorchBlock = [1, 0, 2];   // ONNX z ← PyTorch z (1), r ← r (0), h ← n (2)

        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(net));

        AssertBlocks(model.Initializers["Gru.W"].Floats, at, inputs);
        AssertBlocks(model.Initializers["Gru.R"].Floats, at + rows * inputs, units);
        float[] b = model.Initializers["Gru.B"].Floats;
        Assert.Equal(2 * rows, b.Length);
        AssertBlocks(b[..rows], at + rows * (inputs + units), 1);
        AssertBlocks(b[rows..], at + rows * (inputs + units) + rows, 1);

        void AssertBlocks(float[] onnx, int source, int columns)
        {
            Assert.Equal(rows * columns, onnx.Length);
            for (int gate = 0; gate < 3; gate++)
                for (int i = 0; i < units * columns; i++)
                    Assert.Equal(source + pyTorchBlock[gate] * units * columns + i, onnx[gate * units * columns + i]);
        }
    }

    /// <summary>UpdateBias initialises the update gate's block of bias_ih, which is the first (z) block of ONNX's B; every other bias starts at 0.</summary>
    [Fact]
    public void UpdateBiasIsTheFirstBlockOfB()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new WideGruNet()));
        foreach ((string layer, int units, float bias) in new[] { ("Wide", 17, 1.5f), ("Wider", 20, -0.75f) })
        {
            float[] b = model.Initializers[$"{layer}.B"].Floats;
            Assert.Equal(6 * units, b.Length);
            Assert.All(b[..units], value => Assert.Equal(bias, value));
            Assert.All(b[units..], value => Assert.Equal(0f, value));
        }
    }

    /// <summary>
    /// SELU is ONNX's Selu with alpha and gamma written out (the float nearest torch.nn.SELU's constants, which are
    /// also ONNX's defaults); SiLU, which opset 17 lacks, is x·Sigmoid(x): a Sigmoid of the layer's sum and a Mul by it.
    /// </summary>
    [Fact]
    public void SeluAndSiluAreWrittenAsOnnxNodes()
    {
        OnnxModelReader model = OnnxModelReader.Read(OnnxRuntimeRunner.Export(new SeluSiluNet()));

        OnnxNode selu = model.Node("Selu/Selu");
        Assert.Equal("Selu", selu.OpType);
        Assert.Equal(["Selu/Add"], selu.Inputs);
        Assert.Equal(1.67326319217681884765625f, selu.Attributes["alpha"].Float);
        Assert.Equal(1.05070102214813232421875f, selu.Attributes["gamma"].Float);
        Assert.Equal(2, model.NodesOf("Selu").Length);

        OnnxNode sigmoid = model.Node("Silu/Sigmoid");
        Assert.Equal("Sigmoid", sigmoid.OpType);
        Assert.Equal(["Silu/Add"], sigmoid.Inputs);
        Assert.Empty(sigmoid.Attributes);
        OnnxNode product = model.Node("Silu/Mul");
        Assert.Equal("Mul", product.OpType);
        Assert.Equal(["Silu/Add", "Silu/Sigmoid"], product.Inputs);
        // The next layer reads the product.
        Assert.Equal("Silu/Mul", model.Node("SeluResidual/MatMul").Inputs[0]);
    }
}
