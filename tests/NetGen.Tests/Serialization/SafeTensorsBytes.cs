using System;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Tests.Serialization;

/// <summary>Builds safetensors files in the tests without NetGen's writer: an 8-byte little-endian length, the header, the data.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The header entries of a valid TinyNet file, data in the order fc1.weight, fc1.bias, fc2.weight, fc2.bias (36 bytes).</summary>
    public static readonly string Fc1Weight = Entry("fc1.weight", "F32", "[2,2]", 0, 16),
        Fc1Bias = Entry("fc1.bias", "F32", "[2]", 16, 24),
        Fc2Weight = Entry("fc2.weight", "F32", "[1,2]", 24, 32),
        Fc2Bias = Entry("fc2.bias", "F32", "[1]", 32, 36);

    /// <summary>Data matching the entries above: fc1.weight [[1, 2], [3, −4]], fc1.bias [0.25, −0.25], fc2.weight [[0.5, −1]], fc2.bias [2].</summary>
    public static readonly byte[] TinyData = Floats(1f, 2f, 3f, -4f, 0.25f, -0.25f, 0.5f, -1f, 2f);

    /// <summary>The same values in TinyNet's parameter layout (which is the same order).</summary>
    public static readonly float[] TinyParameters = [1f, 2f, 3f, -4f, 0.25f, -0.25f, 0.5f, -1f, 2f];

    /// <summary>A valid TinyNet header built from the four entries.</summary>
    public static string TinyHeader => Header(Fc1Weight, Fc1Bias, Fc2Weight, Fc2Bias);

    /// <summary><c>"name":{"dtype":…,"shape":…,"data_offsets":[begin,end]}</c>.</summary>
    public static string Entry(string name, string dtype, string shape, ulong begin, ulong end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    /// <summary>A JSON object of the entries.</summary>
    public static string Header(params string[] entries) => "{" + string.Join(",", entries) + "}";

    /// <summary>Length prefix (the header's UTF-8 byte count), header, data.</summary>
    public static byte[] File(string header, ReadOnlySpan<byte> data) => File(Encoding.UTF8.GetBytes(header), data);

    /// <summary>Length prefix, the header's raw bytes, data.</summary>
    public static byte[] File(ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file.AsSpan(8));
        data.CopyTo(file.AsSpan(8 + header.Length));
        return file;
    }

    /// <summary>Little-endian float32 bytes.</summary>
    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
