using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetGen;

public sealed partial class Dataset
{
    private const int IdxImagesMagic = 0x00000803, IdxLabelsMagic = 0x00000801;

    /// <summary>
    /// Reads an image file and a label file in the IDX format of MNIST and Fashion-MNIST (gzip-compressed or
    /// not): each image becomes an input row of rows × columns pixels, row-major, scaled by
    /// <paramref name="scaling"/>; each label a one-hot target row of <paramref name="classCount"/> values.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not IDX of the expected kind (magic 0x00000803 for images, 0x00000801 for labels), is truncated or has bytes after its data, the two counts differ, or a label is not below <paramref name="classCount"/>.</exception>
    public static Dataset FromIdx(string imagesPath, string labelsPath, PixelScaling scaling = PixelScaling.UnitInterval, int classCount = 10)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        using Stream images = OpenMaybeCompressed(imagesPath), labels = OpenMaybeCompressed(labelsPath);
        return FromIdx(images, labels, scaling, classCount, imagesPath, labelsPath);
    }

    /// <summary>Reads uncompressed IDX images and labels from streams; the names label error messages.</summary>
    /// <inheritdoc cref="FromIdx(string, string, PixelScaling, int)"/>
    public static Dataset FromIdx(Stream images, Stream labels, PixelScaling scaling = PixelScaling.UnitInterval, int classCount = 10,
        string imagesName = "images", string labelsName = "labels")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (!Enum.IsDefined(scaling)) throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Must be a defined PixelScaling.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256); // a label is one byte

        int count = ReadIdxHeader(images, IdxImagesMagic, imagesName, out int rows, out int columns);
        int labelCount = ReadIdxHeader(labels, IdxLabelsMagic, labelsName, out _, out _);
        if (labelCount != count)
            throw new InvalidDataException($"{labelsName} holds {labelCount} labels but {imagesName} holds {count} images.");
        long pixelCount = (long)count * rows * columns;
        if (pixelCount > Array.MaxLength || (long)count * classCount > Array.MaxLength)
            throw new InvalidDataException($"{imagesName}: {count} images of {rows} x {columns} pixels do not fit in one array.");

        byte[] pixels = ReadIdxBody(images, (int)pixelCount, imagesName);
        byte[] labelBytes = ReadIdxBody(labels, count, labelsName);
        var inputs = new float[pixelCount];
        (float divisor, float offset) = scaling switch
        {
            PixelScaling.UnitInterval => (255f, 0f),
            PixelScaling.Symmetric => (127.5f, -1f),
            _ => (1f, 0f),
        };
        for (int i = 0; i < pixels.Length; i++) inputs[i] = pixels[i] / divisor + offset; // division: 51/255 is exactly the float nearest 0.2
        var targets = new float[count * classCount];
        for (int i = 0; i < count; i++)
        {
            if (labelBytes[i] >= classCount)
                throw new InvalidDataException($"{labelsName}: label {i} is {labelBytes[i]}, expected 0..{classCount - 1}.");
            targets[i * classCount + labelBytes[i]] = 1f;
        }
        return new Dataset(inputs, rows * columns, targets, classCount, count);
    }

    // gzip files start with 1F 8B; IDX files with two zero bytes, so the two cannot be confused.
    private static Stream OpenMaybeCompressed(string path)
    {
        var file = File.OpenRead(path);
        bool compressed = file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
        file.Position = 0;
        return compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    // The header is the magic number (0, 0, type 8 = unsigned byte, dimension count), then one big-endian int32 per dimension.
    private static int ReadIdxHeader(Stream stream, int magic, string name, out int rows, out int columns)
    {
        int dimensions = magic & 0xFF;
        Span<byte> header = stackalloc byte[4 + 4 * dimensions];
        ReadHeaderBytes(stream, header[..4], header.Length, name);
        int actual = BinaryPrimitives.ReadInt32BigEndian(header);
        if (actual != magic)
            throw new InvalidDataException($"{name}: magic number 0x{actual:X8}, expected 0x{magic:X8} ({(magic == IdxImagesMagic ? "IDX images: unsigned bytes, 3 dimensions" : "IDX labels: unsigned bytes, 1 dimension")}).");
        ReadHeaderBytes(stream, header[4..], header.Length, name);
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        rows = dimensions == 3 ? BinaryPrimitives.ReadInt32BigEndian(header[8..]) : 1;
        columns = dimensions == 3 ? BinaryPrimitives.ReadInt32BigEndian(header[12..]) : 1;
        if (count <= 0 || rows <= 0 || columns <= 0)
            throw new InvalidDataException($"{name}: sizes must be positive, got {count} items of {rows} x {columns}.");
        return count;
    }

    private static void ReadHeaderBytes(Stream stream, Span<byte> part, int headerLength, string name)
    {
        if (stream.ReadAtLeast(part, part.Length, throwOnEndOfStream: false) < part.Length)
            throw new InvalidDataException($"{name}: shorter than an IDX header ({Counted.Of(headerLength, "byte")}).");
    }

    private static byte[] ReadIdxBody(Stream stream, int length, string name)
    {
        var body = new byte[length];
        int read = stream.ReadAtLeast(body, length, throwOnEndOfStream: false);
        if (read < length) throw new InvalidDataException($"{name}: truncated, expected {Counted.Of(length, "data byte", "data bytes")} after the header, got {read}.");
        if (stream.ReadByte() >= 0) throw new InvalidDataException($"{name}: has bytes after the {Counted.Of(length, "data byte", "data bytes")} its header announces.");
        return body;
    }
}
