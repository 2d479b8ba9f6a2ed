using System;
using System.Collections.Generic;
using System.Text;

namespace NetGen.Serialization;

/// <summary>
/// Writes a header byte for byte as the reference implementation (Rust <c>safetensors</c>, behind Python's
/// <c>save_file</c>) does: compact JSON from serde_json, <c>__metadata__</c> first, then the tensors in the
/// order given, each as <c>{"dtype":…,"shape":[…],"data_offsets":[begin,end]}</c>, padded with spaces to a
/// multiple of 8 bytes so that the data after it stays aligned.
/// </summary>
internal static class SafeTensorsHeaderWriter
{
    // A name that is not valid UTF-16 (a lone surrogate) cannot be written as UTF-8; fail rather than write U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The header's bytes; <paramref name="entries"/> must already be in data order.</summary>
    public static byte[] Write(IReadOnlyList<KeyValuePair<string, string>> metadata, IReadOnlyList<HeaderEntry> entries)
    {
        var json = new StringBuilder("{");
        if (metadata.Count > 0)
        {
            AppendString(json, SafeTensorsHeader.MetadataKey).Append(":{");
            for (int i = 0; i < metadata.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendString(json, metadata[i].Key).Append(':');
                AppendString(json, metadata[i].Value);
            }
            json.Append('}');
        }
        foreach (HeaderEntry entry in entries)
        {
            if (json.Length > 1) json.Append(',');
            AppendString(json, entry.Name).Append(":{\"dtype\":");
            AppendString(json, entry.Dtype).Append(",\"shape\":[").AppendJoin(',', entry.Shape)
                .Append("],\"data_offsets\":[").Append(entry.Begin).Append(',').Append(entry.End).Append("]}");
        }
        json.Append('}');

        byte[] utf8 = StrictUtf8.GetBytes(json.ToString());
        int length = utf8.Length;
        Array.Resize(ref utf8, (length + 7) / 8 * 8);
        utf8.AsSpan(length).Fill((byte)' ');
        return utf8;
    }

    // serde_json's escaping: quote, backslash and control characters only; everything else verbatim.
    private static StringBuilder AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        return json.Append('"');
    }
}
