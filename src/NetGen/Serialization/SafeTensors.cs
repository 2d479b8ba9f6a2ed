using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Serialization;

namespace NetGen;

/// <summary>
/// Saves and loads a network's parameters and state in the safetensors format, with the tensor names, shapes and
/// layouts of PyTorch's <c>state_dict()</c> for the matching modules: <c>{Name}.weight [out, in]</c> and
/// <c>{Name}.bias [out]</c> for a dense layer (<c>torch.nn.Linear</c>); <c>{Name}.weight_ih [rows, in]</c>,
/// <c>{Name}.weight_hh [rows, out]</c>, <c>{Name}.bias_ih [rows]</c>, <c>{Name}.bias_hh [rows]</c> for a recurrent
/// layer (<c>torch.nn.RNNCell</c>, rows = out) or an LSTM (<c>torch.nn.LSTMCell</c>, rows = 4·out, gates i, f, g, o);
/// <c>{Name}.weight [C]</c>, <c>bias [C]</c>, <c>running_mean [C]</c>, <c>running_var [C]</c> and the int64 scalar
/// <c>num_batches_tracked []</c> for a batch normalisation (<c>torch.nn.BatchNorm1d</c>/<c>2d</c>).
/// Files written with the defaults (F32, no extra metadata) are byte-identical to
/// <c>safetensors.torch.save_file(state_dict, path, metadata={"format": "pt"})</c>. Loading can be partial
/// (<c>strict: false</c>, as <c>load_state_dict(strict=False)</c>) and rename tensors (<see cref="TensorNameMap"/>).
/// </summary>
public static class SafeTensors
{
    /// <summary>The largest header accepted (as the reference implementation): 100,000,000 bytes.</summary>
    public const int MaxHeaderLength = SafeTensorsLayout.MaxHeaderLength;

    private static readonly KeyValuePair<string, string>[] SavedMetadata = [new("format", "pt")];

    // Rust's str ordering, which the reference writer sorts names by: UTF-8 bytes, not UTF-16 code units.
    private static readonly Comparer<byte[]> Utf8Order = Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y));

    /// <summary>
    /// Writes <paramref name="net"/>'s parameters and buffers as <paramref name="dtype"/>, and its counters that PyTorch
    /// keeps (<c>num_batches_tracked</c>) as I64, to <paramref name="path"/>. The file is
    /// written under a temporary name in the same directory and then renamed over <paramref name="path"/>, so
    /// that a failure never leaves a half-written file under the target name.
    /// </summary>
    /// <param name="net">The network whose parameters are written.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="dtype">F32 (default, exact), or F16 or BF16, rounded to nearest, ties to even; counters are I64 whatever it is.</param>
    /// <param name="metadata">Strings for the header's <c>__metadata__</c> map, beside <c>"format": "pt"</c> (an entry named <c>format</c> replaces that); read them back with <see cref="ReadMetadata(string)"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, the network's layers do not fit its parameters, a metadata value is null, or a parameter is beyond the range of <paramref name="dtype"/>.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is then unchanged.</exception>
    public static void Save(INetwork net, string path, TensorDtype dtype = TensorDtype.F32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        TensorBlocks blocks = TensorBlocks.CopyOf(net);
        PreparedFile file = Prepare(NetworkTensors.Of(net), blocks, dtype, metadata);
        WriteAtomically(path, stream => file.Write(stream, blocks));
    }

    /// <summary>Writes <paramref name="net"/>'s parameters and buffers as <paramref name="dtype"/>, and its <c>num_batches_tracked</c> counters as I64, to <paramref name="stream"/> at its position.</summary>
    /// <param name="net">The network whose parameters are written.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="dtype">F32 (default, exact), or F16 or BF16, rounded to nearest, ties to even; counters are I64 whatever it is.</param>
    /// <param name="metadata">Strings for the header's <c>__metadata__</c> map, beside <c>"format": "pt"</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, the network's layers do not fit its parameters, a metadata value is null, or a parameter is beyond the range of <paramref name="dtype"/> (checked before anything is written).</exception>
    public static void Save(INetwork net, Stream stream, TensorDtype dtype = TensorDtype.F32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream must be writable.", nameof(stream));
        TensorBlocks blocks = TensorBlocks.CopyOf(net);
        Prepare(NetworkTensors.Of(net), blocks, dtype, metadata).Write(stream, blocks);
    }

    /// <summary>
    /// The tensors a file must hold to load into <paramref name="net"/>, in the network's order (PyTorch's
    /// <c>state_dict()</c> order: each layer's parameters, buffers, then counters): each one's name, dtype (<c>F32</c>,
    /// or <c>I64</c> for a counter such as <c>num_batches_tracked</c>) and shape (<c>[]</c> for a counter), as PyTorch's
    /// <c>state_dict()</c> of the matching module has them.
    /// </summary>
    /// <exception cref="ArgumentException">The network's layers do not fit its parameters (possible only for a hand-written <see cref="INetwork"/>).</exception>
    public static IReadOnlyList<ExpectedTensor> ExpectedTensors(INetwork net)
    {
        ArgumentNullException.ThrowIfNull(net);
        return Array.AsReadOnly(NetworkTensors.Of(net)
            .Select(tensor => new ExpectedTensor(tensor.Name, tensor.Dtype, Array.AsReadOnly((int[])tensor.Shape.Clone())))
            .ToArray());
    }

    /// <summary>The <c>__metadata__</c> map of the safetensors file at <paramref name="path"/> (empty when it has none). The header is checked as <see cref="Load(INetwork, Stream, bool, bool, TensorNameMap?)"/> checks it.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return ReadMetadata(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The <c>__metadata__</c> map of the safetensors data at <paramref name="stream"/>'s position (empty when it has none). Reads the header only.</summary>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The header is not valid.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        return SafeTensorsReader.ReadHeader(stream, available).Metadata;
    }

    /// <summary>
    /// Loads the tensors in the safetensors file at <paramref name="path"/> into <paramref name="net"/>
    /// (see <see cref="Load(INetwork, Stream, bool, bool, TensorNameMap?)"/> for what is checked).
    /// </summary>
    /// <param name="net">The network whose parameters, buffers and counters are replaced.</param>
    /// <param name="path">The file to read.</param>
    /// <param name="allowExtra">With <paramref name="strict"/>: tolerate tensors the network does not have (they are reported in <see cref="IncompatibleKeys.UnexpectedKeys"/>).</param>
    /// <param name="strict">True (default): every tensor of the network must be in the file. False: load the tensors that match, as PyTorch's <c>load_state_dict(strict=False)</c>.</param>
    /// <param name="names">How the file's names become the network's (prefixes, a mapping function); null: as they are.</param>
    /// <returns>The network's tensors the file lacked and the file's tensors the network lacks.</returns>
    /// <exception cref="InvalidDataException">The file is corrupt or does not match the network; the message lists every fault. The network is unchanged.</exception>
    public static IncompatibleKeys Load(INetwork net, string path, bool allowExtra = false, bool strict = true, TensorNameMap? names = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        try
        {
            return Load(net, file, allowExtra, strict, names);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Loads the tensors in the safetensors data that runs from <paramref name="stream"/>'s position to its end
    /// into <paramref name="net"/>. Before anything is written to the network, every check passes: the header
    /// length is at most <see cref="MaxHeaderLength"/> and inside the stream; the header is well-formed UTF-8 JSON;
    /// every tensor's data_offsets match its shape and dtype and the tensors tile the data exactly, without gaps or
    /// overlaps; every tensor of the file that matches one of the network (after <paramref name="names"/>) has
    /// PyTorch's shape and a float dtype (<c>F32</c>, or <c>F16</c>, <c>BF16</c>, <c>F64</c>, converted to float32), or
    /// for a counter (<c>num_batches_tracked</c>, shape <c>[]</c>) an integer dtype (<c>I64</c> as PyTorch writes it, or
    /// another integer type) holding a count from 0 to <see cref="long.MaxValue"/>, whatever <paramref name="strict"/> says; no two of the file's tensors map to the same one; and, when
    /// <paramref name="strict"/>, every tensor of the network is present and (unless <paramref name="allowExtra"/>)
    /// the file holds no other. Every mismatch is listed in one exception.
    /// </summary>
    /// <param name="net">The network whose parameters, buffers and counters are replaced.</param>
    /// <param name="stream">The data to read.</param>
    /// <param name="allowExtra">With <paramref name="strict"/>: tolerate tensors the network does not have (they are reported in <see cref="IncompatibleKeys.UnexpectedKeys"/>).</param>
    /// <param name="strict">True (default): every tensor of the network must be in the file. False: load the tensors that match, as PyTorch's <c>load_state_dict(strict=False)</c>; the others keep their values.</param>
    /// <param name="names">How the file's names become the network's (prefixes, a mapping function); null: as they are.</param>
    /// <returns>The network's tensors the file lacked and the file's tensors the network lacks.</returns>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The data is corrupt or does not match the network; the message lists every fault. The network is unchanged.</exception>
    public static IncompatibleKeys Load(INetwork net, Stream stream, bool allowExtra = false, bool strict = true, TensorNameMap? names = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));

        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        SafeTensorsHeader header = SafeTensorsReader.ReadHeader(stream, available);
        Dictionary<string, NetworkTensor> targets = Match(header, NetworkTensors.Of(net), allowExtra, strict, names, out IncompatibleKeys result);
        TensorBlocks blocks = TensorBlocks.CopyOf(net);
        SafeTensorsReader.ReadData(stream, header, targets, blocks);
        blocks.CopyTo(net);
        return result;
    }

    /// <summary>
    /// Matches the file's tensors to <paramref name="expected"/>, collecting every fault; returns the targets keyed
    /// by the file's names.
    /// </summary>
    /// <exception cref="InvalidDataException">At least one fault; the message lists them all.</exception>
    internal static Dictionary<string, NetworkTensor> Match(
        SafeTensorsHeader header, IReadOnlyList<NetworkTensor> expected, bool allowExtra, bool strict, TensorNameMap? names, out IncompatibleKeys result)
    {
        var faults = new List<string>();
        Dictionary<string, NetworkTensor> byName = expected.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        var found = new Dictionary<string, HeaderEntry>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        foreach (HeaderEntry entry in header.Entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            string? name = names is null ? entry.Name : names.Apply(entry.Name);
            if (name is null) continue;
            if (!byName.ContainsKey(name)) unexpected.Add(entry.Name);
            else if (!found.TryAdd(name, entry))
                faults.Add($"Tensors '{found[name].Name}' and '{entry.Name}' both map to the network's tensor '{name}'.");
        }

        var targets = new Dictionary<string, NetworkTensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (NetworkTensor tensor in expected)
        {
            if (!found.TryGetValue(tensor.Name, out HeaderEntry? entry))
            {
                missing.Add(tensor.Name);
                if (strict) faults.Add($"Tensor '{tensor.Name}' is missing: the network expects {tensor.Dtype} {tensor.ShapeText}.");
                continue;
            }
            string what = entry.Name == tensor.Name ? $"Tensor '{tensor.Name}'" : $"Tensor '{entry.Name}' (the network's '{tensor.Name}')";
            if (tensor.IsInteger && !SafeTensorsDtype.IsInteger(entry.Dtype))
                faults.Add($"{what} has dtype {entry.Dtype}; it is a counter, so it must be an integer type ({SafeTensorsDtype.IntegerList}; PyTorch writes I64).");
            else if (!tensor.IsInteger && !SafeTensorsDtype.IsLoadable(entry.Dtype))
                faults.Add($"{what} has dtype {entry.Dtype}; expected {SafeTensorsDtype.LoadableList}.");
            else if (!entry.Shape.SequenceEqual(tensor.Shape.Select(d => (ulong)d)))
                faults.Add($"{what} has shape {entry.ShapeText}; the network expects {tensor.ShapeText}.");
            else
                targets.Add(entry.Name, tensor);
        }
        if (strict && !allowExtra)
        {
            foreach (string name in unexpected)
                faults.Add($"Tensor '{name}' is not a tensor of this network; pass allowExtra: true or strict: false to ignore it.");
        }
        if (faults.Count == 1) throw new InvalidDataException(faults[0]);
        if (faults.Count > 1)
            throw new InvalidDataException($"The file does not match the network in {faults.Count} ways:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", faults));
        result = new IncompatibleKeys(missing.AsReadOnly(), unexpected.AsReadOnly());
        return targets;
    }

    /// <summary>
    /// Checks and lays out a file of <paramref name="tensors"/> (their values in <paramref name="blocks"/>) before a byte
    /// is written: names sorted as the reference writer sorts them, the header, and no value beyond <paramref name="dtype"/>'s range.
    /// </summary>
    internal static PreparedFile Prepare(
        IReadOnlyList<NetworkTensor> tensors, TensorBlocks blocks, TensorDtype dtype, IEnumerable<KeyValuePair<string, string>>? metadata)
    {
        string dtypeName = SafeTensorsDtype.Name(dtype);
        var entries = new SortedDictionary<byte[], KeyValuePair<string, string>>(Utf8Order);
        foreach (KeyValuePair<string, string> entry in SavedMetadata.Concat(metadata ?? []))
        {
            if (entry.Key is null || entry.Value is null) throw new ArgumentException($"Metadata entry '{entry.Key}' has no value.", nameof(metadata));
            entries[Encoding.UTF8.GetBytes(entry.Key)] = entry;
        }

        // As the reference writer: data in order of descending dtype (its enum order, in which I64 follows every
        // float type), then name (UTF-8 bytes). A file holds two dtypes at most: the counters' I64 and the float one.
        NetworkTensor[] sorted = [.. tensors.OrderBy(tensor => tensor.IsInteger ? 0 : 1).ThenBy(tensor => Encoding.UTF8.GetBytes(tensor.Name), Utf8Order)];
        var headerEntries = new HeaderEntry[sorted.Length];
        ulong offset = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            NetworkTensor tensor = sorted[i];
            int elementSize = tensor.IsInteger ? sizeof(long) : SafeTensorsDtype.Size(dtype);
            if (!tensor.IsInteger)
            {
                ReadOnlySpan<float> values = blocks.Floats(tensor);
                int overflow = SafeTensorsDtype.FirstOverflow(dtype, values);
                if (overflow >= 0)
                    throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"Tensor '{tensor.Name}': element {overflow} ({values[overflow]:R}) is beyond the {dtypeName} range; save it as F32."));
            }
            ulong size = (ulong)elementSize * (ulong)tensor.Count;
            headerEntries[i] = new HeaderEntry(tensor.Name, tensor.IsInteger ? SafeTensorsDtype.Int64 : dtypeName, [.. tensor.Shape.Select(d => (ulong)d)], offset, offset + size);
            offset += size;
        }
        return new PreparedFile(SafeTensorsHeaderWriter.Write([.. entries.Values], headerEntries), sorted, dtype);
    }

    /// <summary>A checked file layout, ready to write.</summary>
    internal sealed class PreparedFile(byte[] header, NetworkTensor[] tensors, TensorDtype dtype)
    {
        /// <summary>Writes the length, the header and the tensors' values (taken from <paramref name="blocks"/>).</summary>
        public void Write(Stream stream, TensorBlocks blocks)
        {
            Span<byte> length = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            int elementSize = SafeTensorsDtype.Size(dtype);
            Span<byte> chunk = stackalloc byte[4096];
            foreach (NetworkTensor tensor in tensors)
            {
                if (tensor.IsInteger)
                {
                    // Counters are scalars, far below a chunk.
                    ReadOnlySpan<long> counters = blocks.Integers(tensor);
                    SafeTensorsDtype.EncodeIntegers(counters, chunk);
                    stream.Write(chunk[..(sizeof(long) * counters.Length)]);
                    continue;
                }
                ReadOnlySpan<float> remaining = blocks.Floats(tensor);
                while (!remaining.IsEmpty)
                {
                    int count = Math.Min(remaining.Length, chunk.Length / elementSize);
                    SafeTensorsDtype.Encode(dtype, remaining[..count], chunk);
                    stream.Write(chunk[..(elementSize * count)]);
                    remaining = remaining[count..];
                }
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file beside <paramref name="path"/>, flushes it to disk and renames
    /// it over <paramref name="path"/>; on failure the temporary file is removed and <paramref name="path"/> is untouched.
    /// </summary>
    internal static void WriteAtomically(string path, Action<Stream> write)
    {
        string target = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
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
