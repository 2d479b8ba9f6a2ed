// Shared source: compiled into the runtime and, with the model, into the generator and the analyzer, so that a file
// compiled in by [Network(Weights)] passes exactly the checks SafeTensors.Load makes (only the JSON is read apart:
// System.Text.Json at run time, a small reader of the header's subset in netstandard2.0).
using System.Collections.Generic;
using System.IO;

namespace NetGen.Serialization;

/// <summary>
/// The checks of a safetensors file's layout, as the reference implementation makes them: a known dtype, a shape whose
/// byte size (with checked arithmetic) equals the span of its data_offsets, data that tiles the data section from
/// byte 0 without gaps or overlaps, and a data section of exactly that length.
/// </summary>
internal static class SafeTensorsLayout
{
    /// <summary>The largest header accepted (as the reference implementation): 100,000,000 bytes.</summary>
    public const int MaxHeaderLength = 100_000_000;

    /// <summary>The key of the optional string-to-string map that is not a tensor.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>
    /// One tensor's entry from its object's fields, whatever JSON reader gave them (<typeparamref name="TValue"/>): exactly
    /// dtype, shape and data_offsets, once each, checked by <see cref="CheckEntry"/>.
    /// </summary>
    /// <param name="name">The tensor's name, for messages.</param>
    /// <param name="fields">The object's fields in order.</param>
    /// <param name="text">A string value, or null for any other kind.</param>
    /// <param name="integers">An array of non-negative integers (given the field's name), or an exception naming the fault.</param>
    /// <param name="kind">A value's kind, for messages.</param>
    /// <exception cref="InvalidDataException">The message names the tensor and the fault.</exception>
    public static HeaderEntry ReadEntry<TValue>(string name, IEnumerable<KeyValuePair<string, TValue>> fields,
        System.Func<TValue, string?> text, System.Func<string, TValue, ulong[]> integers, System.Func<TValue, string> kind)
    {
        string? dtype = null;
        ulong[]? shape = null, offsets = null;
        foreach (KeyValuePair<string, TValue> field in fields)
        {
            switch (field.Key)
            {
                case "dtype" when dtype is null:
                    dtype = text(field.Value) ?? throw new InvalidDataException($"Tensor '{name}': dtype must be a string, not {kind(field.Value)}.");
                    break;
                case "shape" when shape is null:
                    shape = integers(field.Key, field.Value);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = integers(field.Key, field.Value);
                    if (offsets.Length != 2)
                        throw new InvalidDataException($"Tensor '{name}': data_offsets must be [begin, end], not {offsets.Length} numbers.");
                    break;
                default:
                    throw new InvalidDataException($"Tensor '{name}': unexpected or repeated field '{field.Key}'.");
            }
        }
        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw new InvalidDataException($"Tensor '{name}': the header gives no {missing}.");
        }
        var entry = new HeaderEntry(name, dtype, shape, offsets[0], offsets[1]);
        CheckEntry(entry);
        return entry;
    }

    /// <summary>Checks one entry's dtype and data_offsets against its shape.</summary>
    /// <exception cref="InvalidDataException">The message names the tensor and the fault.</exception>
    public static void CheckEntry(HeaderEntry entry)
    {
        int bits = SafeTensorsDtype.Bits(entry.Dtype) ?? throw new InvalidDataException($"Tensor '{entry.Name}': unknown dtype '{entry.Dtype}'.");
        if (entry.End < entry.Begin)
            throw new InvalidDataException($"Tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] end before they begin.");
        ulong size = ByteSize(entry, bits);
        if (entry.End - entry.Begin != size)
            throw new InvalidDataException(
                $"Tensor '{entry.Name}': {entry.Dtype} {entry.ShapeText} takes {Counted.Of(size, "byte")}, but data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}.");
    }

    /// <summary>Sorts <paramref name="entries"/> by offset and checks that each starts where the one before it ended; returns the data's length.</summary>
    /// <exception cref="InvalidDataException">A gap or an overlap, named.</exception>
    public static ulong SortAndCheckTiling(List<HeaderEntry> entries)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        ulong end = 0;
        HeaderEntry? previous = null;
        foreach (HeaderEntry entry in entries)
        {
            if (entry.Begin < end)
                throw new InvalidDataException(
                    $"Tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{previous!.Name}', which ends at {end}.");
            if (entry.Begin > end)
                throw new InvalidDataException(
                    $"Tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] leave bytes {end} to {entry.Begin} unused"
                    + (previous is null ? " at the start of the data." : $" after tensor '{previous.Name}'."));
            end = entry.End;
            previous = entry;
        }
        return end;
    }

    /// <summary>Checks that the tiled entries (covering <paramref name="covered"/> bytes) fill exactly the <paramref name="dataLength"/> bytes after the header.</summary>
    /// <exception cref="InvalidDataException">Data runs past the end, or bytes follow the last tensor.</exception>
    public static void CheckDataLength(IEnumerable<HeaderEntry> entries, ulong covered, ulong dataLength)
    {
        foreach (HeaderEntry entry in entries)
        {
            if (entry.End > dataLength)
                throw new InvalidDataException(
                    $"Tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] run past the end of the file, which has {Counted.Of(dataLength, "byte")} of data.");
        }
        if (covered < dataLength)
            throw new InvalidDataException($"The file has {Counted.Of(dataLength - covered, "byte")} after the last tensor's data.");
    }

    private static ulong ByteSize(HeaderEntry entry, int bits)
    {
        try
        {
            ulong count = 1;
            foreach (ulong dimension in entry.Shape) count = checked(count * dimension);
            ulong totalBits = checked(count * (ulong)bits);
            return totalBits % 8 == 0
                ? totalBits / 8
                : throw new InvalidDataException($"Tensor '{entry.Name}': {entry.Dtype} {entry.ShapeText} is not a whole number of bytes.");
        }
        catch (System.OverflowException e)
        {
            throw new InvalidDataException($"Tensor '{entry.Name}': shape {entry.ShapeText} has more {entry.Dtype} elements than 64 bits can count.", e);
        }
    }
}
