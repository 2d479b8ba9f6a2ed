using System;
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

        IOException e = Assert.Throws<IOException>(() => SafeTensors.Save(NetworkDouble.FailingParameters(new TinyNet()), path));

        Assert.Equal(NetworkDouble.FailureMessage, e.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void AWriterThatFailsCreatesNoTarget()
    {
        string path = Path.Combine(_directory, "new.safetensors");
        Assert.Throws<IOException>(() => SafeTensors.Save(NetworkDouble.FailingParameters(new TinyNet()), path));
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
}
