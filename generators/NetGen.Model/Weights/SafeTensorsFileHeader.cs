using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Serialization;

namespace NetGen.Model;

/// <summary>
/// A whole safetensors file's header, read at build time and checked as <c>SafeTensors.Load</c> checks it (the same
/// <see cref="SafeTensorsLayout"/> rules): the 8-byte length within the limit and the file, a JSON object of tensors
/// (each exactly dtype, shape, data_offsets) and an optional <c>__metadata__</c> map of strings, no name twice, and
/// data that tiles the rest of the file exactly.
/// </summary>
internal sealed class SafeTensorsFileHeader
{
    private SafeTensorsFileHeader(List<HeaderEntry> entries, int dataStart)
    {
        Entries = entries;
        DataStart = dataStart;
    }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<HeaderEntry> Entries { get; }

    /// <summary>The file offset of the data section (8 + the header's length).</summary>
    public int DataStart { get; }

    /// <exception cref="InvalidDataException">The file is not valid safetensors; the message says where and why.</exception>
    public static SafeTensorsFileHeader Read(byte[] file)
    {
        if (file.Length < sizeof(ulong))
            throw new InvalidDataException($"The file has {Counted.Of(file.Length, "byte")}, too few for the 8-byte header length.");
        ulong length = LittleEndian.Read(file, 0, sizeof(ulong));
        if (length > SafeTensorsLayout.MaxHeaderLength)
            throw new InvalidDataException($"The header length {length} exceeds the limit of {Counted.Of(SafeTensorsLayout.MaxHeaderLength, "byte")}.");
        ulong afterPrefix = (ulong)(file.Length - sizeof(ulong));
        if (length > afterPrefix)
            throw new InvalidDataException($"The header length {length} runs past the end of the file: only {Counted.Of(afterPrefix, "byte")} follow it.");

        HeaderJsonValue root = HeaderJson.Parse(file, sizeof(ulong), (int)length);
        var entries = new List<HeaderEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, HeaderJsonValue> member in root.Members)
        {
            if (!names.Add(member.Key)) throw new InvalidDataException($"The header lists '{member.Key}' twice.");
            if (member.Key == SafeTensorsLayout.MetadataKey) CheckMetadata(member.Value);
            else entries.Add(ReadEntry(member.Key, member.Value));
        }
        ulong covered = SafeTensorsLayout.SortAndCheckTiling(entries);
        SafeTensorsLayout.CheckDataLength(entries, covered, afterPrefix - length);
        return new SafeTensorsFileHeader(entries, sizeof(ulong) + (int)length);
    }

    private static void CheckMetadata(HeaderJsonValue metadata)
    {
        if (metadata.Kind != HeaderJsonKind.Object)
            throw new InvalidDataException($"'{SafeTensorsLayout.MetadataKey}' must be an object of strings, not {Describe(metadata)}.");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, HeaderJsonValue> entry in metadata.Members)
        {
            if (entry.Value.Kind != HeaderJsonKind.String)
                throw new InvalidDataException($"'{SafeTensorsLayout.MetadataKey}' entry '{entry.Key}' must be a string, not {Describe(entry.Value)}.");
            if (!keys.Add(entry.Key)) throw new InvalidDataException($"'{SafeTensorsLayout.MetadataKey}' lists '{entry.Key}' twice.");
        }
    }

    private static HeaderEntry ReadEntry(string name, HeaderJsonValue value)
    {
        if (value.Kind != HeaderJsonKind.Object)
            throw new InvalidDataException($"Tensor '{name}': expected an object with dtype, shape and data_offsets, not {Describe(value)}.");
        return SafeTensorsLayout.ReadEntry(name, value.Members,
            field => field.Kind == HeaderJsonKind.String ? field.Text : null,
            (field, array) => ReadIntegers(name, field, array),
            Describe);
    }

    private static ulong[] ReadIntegers(string name, string field, HeaderJsonValue value)
    {
        if (value.Kind != HeaderJsonKind.Array)
            throw new InvalidDataException($"Tensor '{name}': {field} must be an array of non-negative integers, not {Describe(value)}.");
        var integers = new ulong[value.Items.Count];
        for (int i = 0; i < integers.Length; i++)
        {
            HeaderJsonValue item = value.Items[i];
            if (item.Kind != HeaderJsonKind.Number || !IsDigits(item.Text)
                || !ulong.TryParse(item.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out integers[i]))
                throw new InvalidDataException($"Tensor '{name}': {field} must hold non-negative integers below 2^64, not {Excerpt(item.Kind == HeaderJsonKind.Number || item.Kind == HeaderJsonKind.Literal ? item.Text : Describe(item))}.");
        }
        return integers;
    }

    private static bool IsDigits(string text)
    {
        foreach (char c in text) if (c < '0' || c > '9') return false;
        return text.Length > 0;
    }

    private static string Describe(HeaderJsonValue value) => value.Kind switch
    {
        HeaderJsonKind.Literal => value.Text,
        HeaderJsonKind.Number => "a number",
        HeaderJsonKind.String => "a string",
        HeaderJsonKind.Array => "an array",
        _ => "an object",
    };

    private static string Excerpt(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
}
