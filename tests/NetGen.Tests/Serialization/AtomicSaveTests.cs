using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Save writes a temporary file and renames it: a failure leaves the target as it was and no temporary file behind.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AWriterThatFailsAfterTheHeaderLeavesTheTargetUnchanged()
    {
        string path = Path.Combine(_directory, "net.safetensors");
        byte[] previous = [1, 2, 3, 4, 5];
        File.WriteAllBytes(path, previous);

        IOException e = Assert.Throws<IOException>(() => SafeTensors.Save(new FailingNetwork(new TinyNet()), path));

        Assert.Equal(FailingNetwork.Message, e.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void AWriterThatFailsCreatesNoTarget()
    {
        string path = Path.Combine(_directory, "new.safetensors");
        Assert.Throws<IOException>(() => SafeTensors.Save(new FailingNetwork(new TinyNet()), path));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void ATargetThatCannotBeReplacedIsLeftAsItWas()
    {
        // A directory stands where the file should go: the rename fails after the whole file was written.
        string path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "inside"), [7]);

        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(new TinyNet(), path));

        Assert.Equal([7], File.ReadAllBytes(Path.Combine(path, "inside")));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void AMissingDirectoryIsReportedAndNothingIsCreated()
    {
        string path = Path.Combine(_directory, "absent", "net.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(new TinyNet(), path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    /// <summary>A network whose parameters cannot be read, as if the disk failed while the data was being written.</summary>
    private sealed class FailingNetwork(INetwork inner) : INetwork
    {
        public const string Message = "Simulated failure while writing the data.";

        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;
        public int ParameterCount => inner.ParameterCount;
        public Span<float> Parameters => throw new IOException(Message);
        public Span<float> Gradients => inner.Gradients;
        public IReadOnlyList<LayerInfo> Layers => inner.Layers;
        public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);
        public float Backward(ReadOnlySpan<float> target) => inner.Backward(target);
        public void ZeroGradients() => inner.ZeroGradients();
        public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, IOptimizer optimizer) => inner.TrainStep(input, target, optimizer);
        public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => inner.Forward(inputs, outputs, batchSize);
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, IOptimizer optimizer) => inner.TrainBatch(inputs, targets, batchSize, optimizer);
        public ReadOnlySpan<float> LayerOutput(int layer) => inner.LayerOutput(layer);
        public ReadOnlySpan<float> LayerPreActivation(int layer) => inner.LayerPreActivation(layer);
        public ReadOnlySpan<float> LayerGradient(int layer) => inner.LayerGradient(layer);
        public INetwork Clone() => new FailingNetwork(inner.Clone());
    }
}
