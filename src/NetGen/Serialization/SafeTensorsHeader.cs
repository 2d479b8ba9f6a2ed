using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen.Serialization;

/// <summary>
/// A parsed safetensors header whose entries have been checked as the reference implementation checks them
/// (<see cref="SafeTensorsLayout"/>: dtypes, sizes, tiling).
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The key of the optional string-to-string map that is not a tensor.</summary>
    public const string MetadataKey = SafeTensorsLayout.MetadataKey;

    // Root object, a tensor's object, its shape array: nothing valid is deeper, so deep nesting fails fast.
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 3 };

    private SafeTensorsHeader(IReadOnlyList<HeaderEntry> entries, ulong dataLength, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        DataLength = dataLength;
        Metadata = metadata;
    }

    /// <summary>The <c>__metadata__</c> map (empty when the header has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<HeaderEntry> Entries { get; }

    /// <summary>Bytes of data the entries cover: the data section's exact length.</summary>
    public ulong DataLength { get; }

    /// <summary>Parses and checks the header's JSON bytes (without the 8-byte length before them).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid header; the message names the tensor and the fault.</exception>
    public static SafeTensorsHeader Parse(ReadOnlyMemory<byte> json)
    {
        if (!Utf8.IsValid(json.Span)) throw new InvalidDataException("The header is not valid UTF-8.");
        if (json.IsEmpty || json.Span[0] != (byte)'{')
            throw new InvalidDataException("The header does not start with '{': it must be a JSON object.");

        var entries = new List<HeaderEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (JsonDocument document = ParseJson(json))
        {
            try
            {
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (!keys.Add(property.Name)) throw new InvalidDataException($"The header lists '{property.Name}' twice.");
                    if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata);
                    else entries.Add(ParseEntry(property.Name, property.Value));
                }
            }
            catch (InvalidOperationException e)
            {
                // Every element's kind is checked before it is read, so this comes from System.Text.Json unescaping a
                // name or string lazily: an escaped lone surrogate such as "\ud800", which serde_json rejects too.
                throw new InvalidDataException($"The header holds a string that is not valid Unicode: {e.Message}", e);
            }
        }
        return new SafeTensorsHeader(entries, SafeTensorsLayout.SortAndCheckTiling(entries), metadata);
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The header is not valid JSON: {e.Message}", e);
        }
    }

    private static void ReadMetadata(JsonElement metadata, Dictionary<string, string> values)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"'{MetadataKey}' must be an object of strings, not {metadata.ValueKind}.");
        foreach (JsonProperty entry in metadata.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"'{MetadataKey}' entry '{entry.Name}' must be a string, not {entry.Value.ValueKind}.");
            if (!values.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new InvalidDataException($"'{MetadataKey}' lists '{entry.Name}' twice.");
        }
    }

    private static HeaderEntry ParseEntry(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Tensor '{name}': expected an object with dtype, shape and data_offsets, not {value.ValueKind}.");
        return SafeTensorsLayout.ReadEntry(name, value.EnumerateObject().Select(field => new KeyValuePair<string, JsonElement>(field.Name, field.Value)),
            element => element.ValueKind == JsonValueKind.String ? element.GetString() : null,
            (field, element) => ReadIntegers(name, field, element),
            element => element.ValueKind.ToString());
    }

    private static ulong[] ReadIntegers(string name, string field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"Tensor '{name}': {field} must be an array of non-negative integers, not {value.ValueKind}.");
        var values = new ulong[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out values[i++]))
                throw new InvalidDataException($"Tensor '{name}': {field} must hold non-negative integers below 2^64, not {Excerpt(item.GetRawText())}.");
        }
        return values;
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
