using System;
using System.IO;
using NetGen.Onnx.Tests.Networks;
using Xunit;

namespace NetGen.Onnx.Tests;

/// <summary>Bad arguments and networks without an ONNX form get clear exceptions, and no file is left behind.</summary>
public sealed class OnnxExportArgumentTests
{
    [Fact]
    public void NullNetworkIsRejected()
    {
        Assert.Equal("net", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(null!, "model.onnx")).ParamName);
        Assert.Equal("net", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(null!, new MemoryStream())).ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingPathIsRejected(string? path)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => OnnxExport.Save(new ClassifierNet(), path!));
        Assert.Equal("path", e.ParamName);
    }

    [Fact]
    public void PathInAMissingDirectoryFailsWithTheFileSystemError()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx");
        Assert.Throws<DirectoryNotFoundException>(() => OnnxExport.Save(new ClassifierNet(), path));
    }

    [Fact]
    public void NullOrReadOnlyStreamIsRejected()
    {
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(new ClassifierNet(), (Stream)null!)).ParamName);
        using var readOnly = new MemoryStream(new byte[16], writable: false);
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => OnnxExport.Save(new ClassifierNet(), readOnly)).ParamName);
    }

    [Fact]
    public void RecurrentGeluIsNotSupportedAndWritesNoFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.onnx");
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(new GeluRnnNet(), path));
        Assert.Contains("'Rnn'", e.Message);
        Assert.Contains("Gelu", e.Message);
        Assert.False(File.Exists(path));
    }

    /// <summary>ONNX's RNN activations include neither SELU nor SiLU (nor any x·f(x)), though a dense layer has both.</summary>
    [Theory]
    [InlineData(nameof(SeluRnnNet), "Rnn", "Selu")]
    [InlineData(nameof(SiluRnnNet), "SiluRnn", "Silu")]
    public void RecurrentSeluAndSiluAreNotSupportedAndWriteNoFile(string name, string layer, string activation)
    {
        INetwork net = name == nameof(SeluRnnNet) ? new SeluRnnNet() : new SiluRnnNet();
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.onnx");
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(net, path));
        Assert.Contains($"'{layer}'", e.Message);
        Assert.Contains(activation, e.Message);
        Assert.Contains("RNN activation", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void UnknownLayerKindIsNotSupported()
    {
        var net = new AlteredLayersNetwork(new ClassifierNet(), layers => layers[1] = layers[1] with { Kind = (LayerKind)99 });
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Contains("'Hidden'", e.Message);
    }

    [Fact]
    public void ParametersOutsideTheBlockAreRejected()
    {
        var net = new AlteredLayersNetwork(new ClassifierNet(), layers => layers[2] = layers[2] with { ParameterOffset = ClassifierNet.ParameterCount - 1 });
        ArgumentException e = Assert.Throws<ArgumentException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Equal("net", e.ParamName);
        Assert.Contains("'Out'", e.Message);
    }

    [Fact]
    public void ResidualToAMissingLayerIsRejected()
    {
        var net = new AlteredLayersNetwork(new ClassifierNet(), layers => layers[2] = layers[2] with { Residual = "Nowhere" });
        ArgumentException e = Assert.Throws<ArgumentException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Equal("net", e.ParamName);
        Assert.Contains("'Nowhere'", e.Message);
    }

    [Fact]
    public void DuplicateLayerNamesAreRejected()
    {
        var net = new AlteredLayersNetwork(new ResidualNet(), layers => layers[2] = layers[2] with { Name = "A" });
        ArgumentException e = Assert.Throws<ArgumentException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Equal("net", e.ParamName);
        Assert.Contains("'A.weight'", e.Message);
    }

    [Fact]
    public void RecurrentLayerAfterASingleStepIsNotSupported()
    {
        // LstmNet: In, Embed, First (returns sequences), Mix (+ First), Second (LSTM), Hidden, Out.
        var net = new AlteredLayersNetwork(new LstmNet(), layers => layers[2] = layers[2] with { ReturnSequences = false });
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Contains("'Second'", e.Message);
    }

    [Fact]
    public void ResidualAcrossTheEndOfTheSequenceIsRejected()
    {
        // Out (the last step) adding First (every step): equal widths, but no single step to add.
        var net = new AlteredLayersNetwork(new EqualWidthLstmNet(), layers => layers[3] = layers[3] with { Residual = "First" });
        ArgumentException e = Assert.Throws<ArgumentException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Equal("net", e.ParamName);
        Assert.Contains("across the end of the sequence", e.Message);
    }

    /// <summary>A convolution must have its window, and the output shape its window computes (TcnNet's C2 strided by 2 computes 6 × 10, not its 6 × 20).</summary>
    [Theory]
    [InlineData("no window")]
    [InlineData("computes [6, 10]")]
    public void ConvolutionWithoutItsWindowOrShapeIsRejected(string problem)
    {
        var net = new AlteredLayersNetwork(new TcnNet(), layers => layers[2] = problem == "no window"
            ? layers[2] with { Window = null }
            : layers[2] with { Window = layers[2].Window! with { StrideWidth = 2 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Equal("net", e.ParamName);
        Assert.Contains("'C2'", e.Message);
        Assert.Contains(problem, e.Message);
    }

    /// <summary>
    /// In a network with a recurrent layer every layer before it runs per step, and the export has no per-step
    /// convolution: TcnNet with its dense head made an LSTM (so that the shapes still agree) is not supported.
    /// </summary>
    [Fact]
    public void ConvolutionOnEveryStepIsNotSupported()
    {
        var net = new AlteredLayersNetwork(new TcnNet(), layers =>
        {
            LayerInfo lstm = layers[^1] with { Kind = LayerKind.Lstm, ParameterOffset = 0 };
            layers[^1] = lstm with { ParameterCount = lstm.WeightCount + lstm.BiasCount };
        });
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(net, new MemoryStream()));
        Assert.Contains("'C1'", e.Message);
    }
}
