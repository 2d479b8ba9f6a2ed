using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Serialization;

namespace NetGen;

/// <summary>
/// Saves and loads a network's parameters in the safetensors format, with the tensor names, shapes and
/// layouts of PyTorch's <c>state_dict()</c> for the matching modules: <c>{Name}.weight [out, in]</c> and
/// <c>{Name}.bias [out]</c> for a dense layer (<c>torch.nn.Linear</c>); <c>{Name}.weight_ih [rows, in]</c>,
/// <c>{Name}.weight_hh [rows, out]</c>, <c>{Name}.bias_ih [rows]</c>, <c>{Name}.bias_hh [rows]</c> for a recurrent
/// layer (<c>torch.nn.RNNCell</c>, rows = out) or an LSTM (<c>torch.nn.LSTMCell</c>, rows = 4·out, gates i, f, g, o).
/// Files written here are byte-identical to <c>safetensors.torch.save_file(state_dict, path, metadata={"format": "pt"})</c>.
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (as the reference implementation): 100,000,000 bytes.</summary>
    public const int MaxHeaderLength = 100_000_000;

    private static readonly KeyValuePair<string, string>[] SavedMetadata = [new("format", "pt")];

    // Rust's str ordering, which the reference writer sorts names by: UTF-8 bytes, not UTF-16 code units.
    private static readonly Comparer<byte[]> Utf8Order = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    /// <summary>
    /// Writes <paramref name="net"/>'s parameters as float32 (<c>F32</c>) to <paramref name="path"/>. The file is
    /// written under a temporary name in the same directory and then renamed over <paramref name="path"/>, so
    /// that a failure never leaves a half-written file under the target name.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network's layers do not fit its parameters.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is then unchanged.</exception>
    public static void Save(INetwork net, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string target = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(net, file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="net"/>'s parameters as float32 (<c>F32</c>) to <paramref name="stream"/> at its position.</summary>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or the network's layers do not fit its parameters.</exception>
    public static void Save(INetwork net, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream must be writable.", nameof(stream));

        // As the reference writer: data in order of descending dtype, then name (UTF-8 bytes); all ours are F32.
        NetworkTensor[] tensors = [.. NetworkTensors.Of(net).OrderBy(tensor => Encoding.UTF8.GetBytes(tensor.Name), Utf8Order)];
        var entries = new HeaderEntry[tensors.Length];
        ulong offset = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            ulong size = sizeof(float) * (ulong)tensors[i].Count;
            entries[i] = new HeaderEntry(tensors[i].Name, SafeTensorsDtype.Float32, [.. tensors[i].Shape.Select(d => (ulong)d)], offset, offset + size);
            offset += size;
        }
        byte[] header = SafeTensorsHeaderWriter.Write(SavedMetadata, entries);

        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        ReadOnlySpan<float> parameters = net.Parameters;
        Span<byte> chunk = stackalloc byte[4096];
        foreach (NetworkTensor tensor in tensors)
        {
            ReadOnlySpan<float> values = parameters.Slice(tensor.ParameterOffset, tensor.Count);
            while (!values.IsEmpty)
            {
                int count = Math.Min(values.Length, chunk.Length / sizeof(float));
                for (int i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(chunk.Slice(sizeof(float) * i), values[i]);
                stream.Write(chunk[..(sizeof(float) * count)]);
                values = values[count..];
            }
        }
    }

    /// <summary>
    /// Replaces <paramref name="net"/>'s parameters with the tensors in the safetensors file at <paramref name="path"/>
    /// (see <see cref="Load(INetwork, Stream, bool)"/> for what is checked).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is corrupt or does not match the network; the message says which tensor and why. The network is unchanged.</exception>
    public static void Load(INetwork net, string path, bool allowExtra = false)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        try
        {
            Load(net, file, allowExtra);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Replaces <paramref name="net"/>'s parameters with the tensors in the safetensors data that runs from
    /// <paramref name="stream"/>'s position to its end. Before anything is written to the network, every check
    /// passes: the header length is at most <see cref="MaxHeaderLength"/> and inside the stream; the header is
    /// well-formed UTF-8 JSON; every tensor of the network is present with PyTorch's shape and a float dtype
    /// (<c>F32</c>, or <c>F16</c>, <c>BF16</c>, <c>F64</c>, converted to float32); every tensor's data_offsets
    /// match its shape and dtype and the tensors tile the data exactly, without gaps or overlaps; and, unless
    /// <paramref name="allowExtra"/>, the file holds no tensor the network does not have.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The data is corrupt or does not match the network; the message says which tensor and why. The network is unchanged.</exception>
    public static void Load(INetwork net, Stream stream, bool allowExtra = false)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));

        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        SafeTensorsHeader header = SafeTensorsReader.ReadHeader(stream, available);
        Dictionary<string, NetworkTensor> targets = Match(header, NetworkTensors.Of(net), allowExtra);
        float[] scratch = net.Parameters.ToArray();
        SafeTensorsReader.ReadData(stream, header, targets, scratch);
        scratch.CopyTo(net.Parameters);
    }

    // Every network tensor present with its shape and a loadable dtype; other tensors only when allowed.
    private static Dictionary<string, NetworkTensor> Match(SafeTensorsHeader header, IReadOnlyList<NetworkTensor> expected, bool allowExtra)
    {
        Dictionary<string, HeaderEntry> entries = header.Entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        var targets = new Dictionary<string, NetworkTensor>(StringComparer.Ordinal);
        foreach (NetworkTensor tensor in expected)
        {
            if (!entries.TryGetValue(tensor.Name, out HeaderEntry? entry))
                throw new InvalidDataException($"Tensor '{tensor.Name}' is missing: the network expects F32 {tensor.ShapeText}.");
            if (!SafeTensorsDtype.IsLoadable(entry.Dtype))
                throw new InvalidDataException($"Tensor '{tensor.Name}' has dtype {entry.Dtype}; expected {SafeTensorsDtype.LoadableList}.");
            if (!entry.Shape.SequenceEqual(tensor.Shape.Select(d => (ulong)d)))
                throw new InvalidDataException($"Tensor '{tensor.Name}' has shape {entry.ShapeText}; the network expects {tensor.ShapeText}.");
            targets.Add(tensor.Name, tensor);
        }
        if (!allowExtra)
        {
            foreach (HeaderEntry entry in header.Entries)
            {
                if (!targets.ContainsKey(entry.Name))
                    throw new InvalidDataException($"Tensor '{entry.Name}' is not a tensor of this network; pass allowExtra: true to ignore it.");
            }
        }
        return targets;
    }

    // The original error matters more than a leftover temporary file that could not be removed.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
