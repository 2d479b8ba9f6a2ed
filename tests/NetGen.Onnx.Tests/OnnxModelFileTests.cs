using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx.Tests.Networks;
using Xunit;

namespace NetGen.Onnx.Tests;

/// <summary>What the saved file declares: IR version, producer, graph name, and the symbolic batch and step dimensions.</summary>
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
    public void SequenceModelsHaveSymbolicBatchAndSteps(string name, bool outputsEveryStep)
    {
        INetwork net = name == nameof(RnnSequenceNet) ? new RnnSequenceNet() : new RnnLastStepNet();
        using var session = new InferenceSession(OnnxRuntimeRunner.Export(net));
        NodeMetadata input = session.InputMetadata["input"];
        Assert.Equal(new[] { -1, -1, net.InputSize }, input.Dimensions);
        Assert.Equal(new[] { "batch", "steps" }, input.SymbolicDimensions.Take(2));
        int[] output = session.OutputMetadata["output"].Dimensions;
        Assert.Equal(outputsEveryStep ? new[] { -1, -1, net.OutputSize } : new[] { -1, net.OutputSize }, output);
    }
}
