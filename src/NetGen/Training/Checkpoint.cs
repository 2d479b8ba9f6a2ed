using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Model;
using NetGen.Serialization;

namespace NetGen;

/// <summary>
/// Saves and restores a training run: the network's parameters, buffers and counters, the optimizer's state
/// (<see cref="Optimizer.ExportState"/>) and the epoch, so that training resumed from a checkpoint continues bit for bit
/// as if it had not stopped (batch normalisation's running statistics and dropout's masks included).
/// </summary>
/// <remarks>
/// The file is a safetensors file (F32; counters I64) that <see cref="SafeTensors.Load(INetwork, string, bool, bool, TensorNameMap?)"/>
/// and PyTorch also read: the network's tensors under their usual names (batch normalisation's <c>running_mean</c>,
/// <c>running_var</c> and I64 <c>num_batches_tracked</c> among them), each dropout layer's I64 scalar <c>{Name}.draws</c>
/// (NetGen's own: how many random draws its masks have used); each per-parameter optimizer tensor as
/// <c>optimizer.{name}</c> with shape <c>[ParameterCount]</c> in the layout of <see cref="INetwork.Parameters"/>; and in
/// <c>__metadata__</c>: <c>netgen.checkpoint</c> = <c>1</c>, <c>epoch</c>, <c>optimizer</c> (the type name),
/// <c>optimizer.step_count</c>, <c>optimizer.parameter_count</c> (absent before the first step) and each exact scalar as
/// <c>optimizer.{name}</c> (a round-trip decimal double), besides <c>format</c> = <c>pt</c> and the caller's entries.
/// </remarks>
public static class Checkpoint
{
    private const string MarkerKey = "netgen.checkpoint", MarkerValue = "1", EpochKey = "epoch", OptimizerKey = "optimizer";
    private const string Prefix = "optimizer.", StepCountKey = "optimizer.step_count", ParameterCountKey = "optimizer.parameter_count";

    /// <summary>
    /// Writes <paramref name="net"/>'s parameters, buffers and counters, <paramref name="optimizer"/>'s state and <paramref name="epoch"/> to
    /// <paramref name="path"/>, atomically: a temporary file beside it, flushed and renamed over it.
    /// </summary>
    /// <param name="net">The network trained.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="epoch">The epochs completed (see <see cref="Trainer.InitialEpoch"/>); 0 for a loop without epochs.</param>
    /// <param name="metadata">More strings for <c>__metadata__</c>; keys <c>format</c>, <c>epoch</c>, <c>netgen.checkpoint</c>, <c>optimizer</c> and <c>optimizer.*</c> are reserved.</param>
    /// <exception cref="ArgumentException">The optimizer's state does not fit the network, the epoch is negative, or a metadata key is reserved.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file at <paramref name="path"/> is then unchanged.</exception>
    public static void Save(INetwork net, Optimizer optimizer, string path, int epoch = 0, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (SafeTensors.PreparedFile file, TensorBlocks blocks) = Prepare(net, optimizer, epoch, metadata);
        SafeTensors.WriteAtomically(path, stream => file.Write(stream, blocks));
    }

    /// <summary>Writes a checkpoint (see <see cref="Save(INetwork, Optimizer, string, int, IReadOnlyDictionary{string, string}?)"/>) to <paramref name="stream"/> at its position.</summary>
    /// <param name="net">The network trained.</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="epoch">The epochs completed; 0 for a loop without epochs.</param>
    /// <param name="metadata">More strings for <c>__metadata__</c> (the reserved keys excepted).</param>
    /// <exception cref="ArgumentException">The stream is not writable, the optimizer's state does not fit the network, the epoch is negative, or a metadata key is reserved.</exception>
    public static void Save(INetwork net, Optimizer optimizer, Stream stream, int epoch = 0, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream must be writable.", nameof(stream));
        (SafeTensors.PreparedFile file, TensorBlocks blocks) = Prepare(net, optimizer, epoch, metadata);
        file.Write(stream, blocks);
    }

    /// <summary>
    /// Restores <paramref name="net"/>'s parameters, buffers and counters and <paramref name="optimizer"/>'s state from the checkpoint at
    /// <paramref name="path"/> (see <see cref="Load(INetwork, Optimizer, Stream)"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is corrupt, not a checkpoint, or of another network or optimizer type; the network and the optimizer are unchanged.</exception>
    public static CheckpointInfo Load(INetwork net, Optimizer optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan);
        try
        {
            return Load(net, optimizer, file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Restores <paramref name="net"/>'s parameters, buffers and counters and <paramref name="optimizer"/>'s state from the
    /// checkpoint that runs from <paramref name="stream"/>'s position to its end. Everything is read and checked before either
    /// is touched: the file as <see cref="SafeTensors.Load(INetwork, Stream, bool, bool, TensorNameMap?)"/> checks it (strictly:
    /// every tensor of the network, dropout's <c>draws</c> included, nothing else but the optimizer's), the checkpoint metadata, and the optimizer state as
    /// <see cref="Optimizer.ImportState"/> checks it (the same optimizer type, the tensors it keeps, each of the
    /// network's parameter count, finite values in range).
    /// </summary>
    /// <returns>The epoch and step count saved, and the metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The data is corrupt, not a checkpoint, or of another network or optimizer type; the message says why. The network and the optimizer are unchanged.</exception>
    public static CheckpointInfo Load(INetwork net, Optimizer optimizer, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream must be readable.", nameof(stream));

        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        SafeTensorsHeader header = SafeTensorsReader.ReadHeader(stream, available);
        IReadOnlyDictionary<string, string> metadata = header.Metadata;
        if (!metadata.TryGetValue(MarkerKey, out string? marker) || marker != MarkerValue)
            throw new InvalidDataException($"This is not a NetGen checkpoint: its metadata lacks '{MarkerKey}': '{MarkerValue}'.");
        int epoch = (int)ParseInteger(metadata, EpochKey, int.MaxValue);
        long stepCount = ParseInteger(metadata, StepCountKey, long.MaxValue);
        string optimizerName = metadata.TryGetValue(OptimizerKey, out string? name) ? name : throw new InvalidDataException($"The metadata lacks '{OptimizerKey}'.");
        int? parameterCount = metadata.ContainsKey(ParameterCountKey) ? (int)ParseInteger(metadata, ParameterCountKey, int.MaxValue) : null;
        int count = net.ParameterCount;

        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, string value) in metadata)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key is StepCountKey or ParameterCountKey) continue;
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double scalar))
                throw new InvalidDataException($"Metadata '{key}' is '{value}', not a number.");
            scalars[key[Prefix.Length..]] = scalar;
        }

        // The network's tensors (every counter), then each optimizer tensor the file holds, one after another in their own block.
        List<NetworkTensor> expected = [.. NetworkTensors.Of(net, allCounters: true)];
        var optimizerTensors = new List<NetworkTensor>();
        foreach (HeaderEntry entry in header.Entries.Where(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (parameterCount is null)
                throw new InvalidDataException($"Tensor '{entry.Name}' is optimizer state, but the metadata gives no '{ParameterCountKey}'.");
            optimizerTensors.Add(new NetworkTensor(entry.Name, [count], TensorBlock.Optimizer, count * optimizerTensors.Count));
        }
        expected.AddRange(optimizerTensors);
        Dictionary<string, NetworkTensor> targets = SafeTensors.Match(header, expected, allowExtra: false, strict: true, names: null, out _);
        if (parameterCount is int saved && saved != count)
            throw new InvalidDataException($"The optimizer state is for {saved} parameters; the network has {count}.");
        TensorBlocks blocks = TensorBlocks.CopyOf(net, new float[(long)count * optimizerTensors.Count is var total && total <= Array.MaxLength
            ? (int)total
            : throw new InvalidDataException("The optimizer state is too large to hold.")]);
        SafeTensorsReader.ReadData(stream, header, targets, blocks);

        var tensors = optimizerTensors.ToDictionary(t => t.Name[Prefix.Length..], t => blocks.Floats(t).ToArray(), StringComparer.Ordinal);
        var state = new OptimizerState(optimizerName, stepCount, parameterCount, tensors, scalars);
        if (optimizer.CheckState(state) is string fault) throw new InvalidDataException($"The optimizer state does not fit: {fault}");

        blocks.CopyTo(net);
        optimizer.ImportState(state);
        return new CheckpointInfo(epoch, stepCount, metadata);
    }

    private static (SafeTensors.PreparedFile File, TensorBlocks Blocks) Prepare(INetwork net, Optimizer optimizer, int epoch, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        OptimizerState state = optimizer.ExportState();
        int count = net.ParameterCount;
        if (state.ParameterCount is int stateCount && stateCount != count)
            throw new ArgumentException($"The optimizer's state is for {stateCount} parameters; the network has {count}: use one optimizer per network.", nameof(optimizer));

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in metadata ?? new Dictionary<string, string>())
        {
            if (key is "format" or EpochKey or MarkerKey or OptimizerKey || key.StartsWith(Prefix, StringComparison.Ordinal))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the checkpoint itself.", nameof(metadata));
            entries[key] = value;
        }
        entries[MarkerKey] = MarkerValue;
        entries[EpochKey] = epoch.ToString(CultureInfo.InvariantCulture);
        entries[OptimizerKey] = state.Optimizer;
        entries[StepCountKey] = state.StepCount.ToString(CultureInfo.InvariantCulture);
        if (state.ParameterCount is int parameterCount) entries[ParameterCountKey] = parameterCount.ToString(CultureInfo.InvariantCulture);
        foreach ((string key, double value) in state.Scalars) entries[Prefix + key] = value.ToString("R", CultureInfo.InvariantCulture);

        List<NetworkTensor> tensors = [.. NetworkTensors.Of(net, allCounters: true)];
        TensorBlocks blocks = TensorBlocks.CopyOf(net, new float[count * state.Tensors.Count]);
        int offset = 0;
        foreach ((string key, float[] tensor) in state.Tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var optimizerTensor = new NetworkTensor(Prefix + key, [count], TensorBlock.Optimizer, offset);
            tensors.Add(optimizerTensor);
            tensor.CopyTo(blocks.Floats(optimizerTensor));
            offset += count;
        }
        return (SafeTensors.Prepare(tensors, blocks, TensorDtype.F32, entries), blocks);
    }

    private static long ParseInteger(IReadOnlyDictionary<string, string> metadata, string key, long max)
    {
        if (!metadata.TryGetValue(key, out string? text)) throw new InvalidDataException($"The metadata lacks '{key}'.");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= max
            ? value
            : throw new InvalidDataException($"Metadata '{key}' is '{text}', not an integer from 0 to {max}.");
    }
}
