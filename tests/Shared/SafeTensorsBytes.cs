using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Testing;

/// <summary>A safetensors file written by hand (header JSON, then the data), to test readers with files no writer would make.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>One tensor: its name, dtype, shape and raw little-endian data.</summary>
    public sealed record Tensor(string Name, string Dtype, int[] Shape, byte[] Data);

    /// <summary>A tensor of float32 values 0.5, 1.5, 2.5, … (one per element of <paramref name="shape"/>).</summary>
    public static Tensor Floats(string name, params int[] shape)
    {
        int count = shape.Aggregate(1, (product, dimension) => product * dimension);
        return new Tensor(name, "F32", shape, Enumerable.Range(0, count).SelectMany(i => BitConverter.GetBytes(i + 0.5f)).ToArray());
    }

    /// <summary>The tensors of a 2-3-1 dense network (Hidden, Out) as F32.</summary>
    public static Tensor[] SmallDenseNetwork() => [Floats("Hidden.weight", 3, 2), Floats("Hidden.bias", 3), Floats("Out.weight", 1, 3), Floats("Out.bias", 1)];

    /// <summary>The file: 8-byte header length, the header (data_offsets in the given order), the data.</summary>
    public static byte[] File(params Tensor[] tensors) => File(null, tensors);

    /// <summary>The file with <c>__metadata__</c> when <paramref name="metadata"/> is given.</summary>
    public static byte[] File(IReadOnlyDictionary<string, string>? metadata, params Tensor[] tensors)
    {
        var entries = new List<string>();
        if (metadata is not null)
            entries.Add("\"__metadata__\":{" + string.Join(",", metadata.Select(pair => $"\"{pair.Key}\":\"{pair.Value}\"")) + "}");
        long offset = 0;
        foreach (Tensor tensor in tensors)
        {
            entries.Add(string.Create(CultureInfo.InvariantCulture,
                $"\"{tensor.Name}\":{{\"dtype\":\"{tensor.Dtype}\",\"shape\":[{string.Join(",", tensor.Shape)}],\"data_offsets\":[{offset},{offset + tensor.Data.Length}]}}"));
            offset += tensor.Data.Length;
        }
        return WithHeader("{" + string.Join(",", entries) + "}", tensors.SelectMany(tensor => tensor.Data).ToArray());
    }

    /// <summary>Any header text and data, for malformed files.</summary>
    public static byte[] WithHeader(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data];
    }
}
