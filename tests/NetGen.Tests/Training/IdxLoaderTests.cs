using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>Dataset.FromIdx on small files written byte by byte in the MNIST format, and on broken ones.</summary>
public sealed class IdxLoaderTests
{
    // Two images of 2 x 3 pixels: magic 0x00000803, count 2, rows 2, columns 3, then 12 pixel bytes.
    private static readonly byte[] Images =
    [
        0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
        0, 51, 102, 153, 204, 255,
        255, 0, 0, 0, 0, 255,
    ];

    // Two labels: magic 0x00000801, count 2, then the labels 7 and 0.
    private static readonly byte[] Labels = [0, 0, 8, 1, 0, 0, 0, 2, 7, 0];

    private static Dataset Read(byte[] images, byte[] labels, PixelScaling scaling = PixelScaling.UnitInterval, int classCount = 10)
        => Dataset.FromIdx(new MemoryStream(images), new MemoryStream(labels), scaling, classCount);

    [Fact]
    public void ImagesBecomeRowsOfScaledPixelsAndLabelsOneHotRows()
    {
        Dataset data = Read(Images, Labels);
        Assert.Equal((2, 6, 10), (data.Count, data.InputSize, data.TargetSize));
        Assert.Equal([0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f], data.Input(0).ToArray());
        Assert.Equal(1f, data.Target(0)[7]);
        Assert.Equal(1f, data.Target(1)[0]);
        Assert.Equal(2f, data.Targets.ToArray().Sum()); // one hot value per row
    }

    [Fact]
    public void PixelScalingsMapTheByteRange()
    {
        Assert.Equal([-1f, -0.6f, -0.2f, 0.2f, 0.6f, 1f], Read(Images, Labels, PixelScaling.Symmetric).Input(0).ToArray(), new ToleranceComparer(1e-6f));
        Assert.Equal([0f, 51f, 102f, 153f, 204f, 255f], Read(Images, Labels, PixelScaling.None).Input(0).ToArray());
    }

    [Fact]
    public void GzipFilesAreReadAsTheyAre()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string images = Path.Combine(directory, "images-idx3-ubyte.gz"), labels = Path.Combine(directory, "labels-idx1-ubyte");
            using (var gzip = new GZipStream(File.Create(images), CompressionLevel.Fastest)) gzip.Write(Images);
            File.WriteAllBytes(labels, Labels);
            Dataset data = Dataset.FromIdx(images, labels);
            Assert.Equal(Read(Images, Labels).Inputs.ToArray(), data.Inputs.ToArray());

            File.WriteAllBytes(labels, Labels[..9]);
            Assert.Equal($"{labels}: truncated, expected 2 data bytes after the header, got 1.",
                Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels)).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void BadFilesAreRejectedWithTheReason()
    {
        string Error(byte[] images, byte[] labels, int classCount = 10) => Assert.Throws<InvalidDataException>(() => Read(images, labels, classCount: classCount)).Message;

        Assert.Equal("images: magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions).", Error(Labels, Labels));
        Assert.Equal("labels: magic number 0x00000803, expected 0x00000801 (IDX labels: unsigned bytes, 1 dimension).", Error(Images, Images));
        Assert.Equal("images: shorter than an IDX header (16 bytes).", Error(Images[..10], Labels));
        Assert.Equal("images: truncated, expected 12 data bytes after the header, got 11.", Error(Images[..^1], Labels));
        Assert.Equal("images: has bytes after the 12 data bytes its header announces.", Error([.. Images, 0], Labels));
        Assert.Equal("labels holds 1 labels but images holds 2 images.", Error(Images, [0, 0, 8, 1, 0, 0, 0, 1, 7]));
        Assert.Equal("labels: label 0 is 7, expected 0..4.", Error(Images, Labels, classCount: 5));
        byte[] zeroRows = (byte[])Images.Clone();
        zeroRows[11] = 0;
        Assert.Equal("images: sizes must be positive, got 2 items of 0 x 3.", Error(zeroRows, Labels));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(Images, Labels, (PixelScaling)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(Images, Labels, classCount: 1));
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.Generic.IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
