using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace NetGen.Tests.Serialization;

/// <summary>One change to a safetensors file, for the fuzzer. Positions are taken modulo the file's size, so any int works.</summary>
internal abstract record FileMutation
{
    /// <summary>The mutated copy of <paramref name="file"/>.</summary>
    public abstract byte[] Apply(byte[] file);

    /// <summary>Bit flips, byte writes, truncation, appended bytes, header-length edits, JSON edits and whole random files.</summary>
    public static readonly Gen<FileMutation> Any = Gen.Frequency(
        (2, Gen.Select(Gen.Int, Gen.Int[0, 7], (position, bit) => (FileMutation)new FlipBit(position, bit))),
        (1, Gen.Select(Gen.Int, Gen.Byte, (position, value) => (FileMutation)new WriteByte(position, value))),
        (1, Gen.Int.Select(length => (FileMutation)new Truncate(length))),
        (1, Gen.Byte.Array[1, 16].Select(bytes => (FileMutation)new Append(bytes))),
        (1, HeaderLengths.Select(length => (FileMutation)new SetHeaderLength(length))),
        (6, Gen.Select(HeaderEdit.Any, Gen.Bool, (edit, fixLength) => (FileMutation)new EditHeader(edit, fixLength))),
        (1, Gen.Select(Gen.Byte.Array[0, 64], Gen.Bool, (bytes, plausible) => (FileMutation)new RandomFile(bytes, plausible))));

    private static Gen<ulong> HeaderLengths => Gen.OneOf<ulong>(
        Gen.ULong,
        Gen.ULong[0, 4096],
        Gen.OneOf(0UL, 7UL, 99_999_999UL, 100_000_000UL, 100_000_001UL, (ulong)long.MaxValue, ulong.MaxValue));

    private static int Wrap(int position, int length) => (int)((uint)position % (uint)length);

    private sealed record FlipBit(int Position, int Bit) : FileMutation
    {
        public override byte[] Apply(byte[] file)
        {
            byte[] copy = (byte[])file.Clone();
            if (copy.Length > 0) copy[Wrap(Position, copy.Length)] ^= (byte)(1 << Bit);
            return copy;
        }
    }

    private sealed record WriteByte(int Position, byte Value) : FileMutation
    {
        public override byte[] Apply(byte[] file)
        {
            byte[] copy = (byte[])file.Clone();
            if (copy.Length > 0) copy[Wrap(Position, copy.Length)] = Value;
            return copy;
        }
    }

    private sealed record Truncate(int Length) : FileMutation
    {
        public override byte[] Apply(byte[] file) => file.Length == 0 ? file : file[..Wrap(Length, file.Length)];
    }

    private sealed record Append(byte[] Bytes) : FileMutation
    {
        public override byte[] Apply(byte[] file) => [.. file, .. Bytes];
    }

    private sealed record SetHeaderLength(ulong Length) : FileMutation
    {
        public override byte[] Apply(byte[] file)
        {
            byte[] copy = file.Length >= 8 ? (byte[])file.Clone() : new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(copy, Length);
            return copy;
        }
    }

    /// <summary>Replaces the file with random bytes, optionally after a length prefix that fits them.</summary>
    private sealed record RandomFile(byte[] Bytes, bool PlausibleLength) : FileMutation
    {
        public override byte[] Apply(byte[] file) => PlausibleLength ? SafeTensorsBytes.File(Bytes, []) : Bytes;
    }

    /// <summary>
    /// Edits the header text (as Latin-1, so any byte can be written, including invalid UTF-8), then either fixes the
    /// length prefix to the new header size, so the edit reaches the JSON parser, or leaves it stale.
    /// </summary>
    private sealed record EditHeader(HeaderEdit Edit, bool FixLength) : FileMutation
    {
        public override byte[] Apply(byte[] file)
        {
            if (file.Length < 8) return file;
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file);
            if (length > (ulong)(file.Length - 8)) return file;
            string header = Encoding.Latin1.GetString(file, 8, (int)length);
            byte[] edited = Encoding.Latin1.GetBytes(Edit.Apply(header));
            byte[] result = SafeTensorsBytes.File(edited, file.AsSpan(8 + (int)length));
            if (!FixLength) BinaryPrimitives.WriteUInt64LittleEndian(result, length);
            return result;
        }
    }
}

/// <summary>A change to the header's JSON text: a number or a string token replaced, a snippet inserted, a range deleted.</summary>
internal abstract record HeaderEdit
{
    /// <summary>The edited header.</summary>
    public abstract string Apply(string header);

    private static readonly Regex OffsetsPattern = new(@"""data_offsets"":\[(\d+),(\d+)\]", RegexOptions.CultureInvariant);
    private static readonly Regex ShapePattern = new(@"""shape"":\[([\d,]*)\]", RegexOptions.CultureInvariant);
    private static readonly Regex NumberPattern = new(@"-?\d+", RegexOptions.CultureInvariant);
    private static readonly Regex StringPattern = new("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant);

    // Numbers that overflow, are negative or fractional, or point anywhere in or past the data.
    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Int[0, 1200].Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.ULong.Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("4294967296", "18446744073709551615", "18446744073709551616", "-1", "-0", "1.5", "1e3", "01", "NaN"));

    // Other dtypes (right and wrong sizes, unknown), duplicate names, escapes, invalid UTF-8 bytes, other JSON types.
    private static readonly Gen<string> Tokens = Gen.OneOf(
        "\"F16\"", "\"BF16\"", "\"F64\"", "\"F32\"", "\"I32\"", "\"I64\"", "\"BOOL\"", "\"F4\"", "\"F6_E2M3\"", "\"C64\"", "\"f32\"", "\"\"",
        "\"__metadata__\"", "\"Memory.weight_ih\"", "\"Out.bias\"", "\"fc1.bias\"", "\"fc2.weight\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"",
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\x\"", "\"\u00C3(\"", "\"\u00FF\u00FE\"", "\"\u00ED\u00A0\u0080\"", "\"\u00C0\u0080\"",
        "0", "-1", "1e400", "null", "true", "[]", "{}", "[0,4]", "[1,1,1]", "{\"format\":\"pt\"}",
        "{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}", new string('[', 64) + new string(']', 64), new string('{', 2000));

    private static readonly Gen<string> Snippets = Gen.OneOf(
        Tokens,
        Gen.OneOf("{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\t", "\n", "/*", "\u00FF", "\u00C2", "\u0000", "\uFEFF"),
        Gen.Int[2, 100_000].Select(depth => new string('[', depth) + new string(']', depth)));

    /// <summary>Token replacements are the most common: they keep the JSON well-formed and test the checks behind the parser.</summary>
    public static readonly Gen<HeaderEdit> Any = Gen.Frequency(
        (4, Gen.Select(Gen.Int, Numbers, (index, number) => (HeaderEdit)new ReplaceToken(index, NumberPattern, number))),
        (3, Gen.Select(Gen.Int, Tokens, (index, token) => (HeaderEdit)new ReplaceToken(index, StringPattern, token))),
        (2, Gen.Select(Gen.Int, Snippets, (position, snippet) => (HeaderEdit)new Insert(position, snippet))),
        (1, Gen.Select(Gen.Int, Gen.Int[1, 12], (position, length) => (HeaderEdit)new Delete(position, length))),
        (2, Gen.Select(Gen.Int, Gen.Int[-40, 40], (index, delta) => (HeaderEdit)new ShiftOffsets(index, delta))),
        (1, Gen.Int.Select(index => (HeaderEdit)new ReverseShape(index))));

    private static int Wrap(int position, int length) => (int)((uint)position % (uint)length);

    private sealed record ReplaceToken(int Index, Regex Pattern, string Replacement) : HeaderEdit
    {
        public override string Apply(string header) => ReplaceMatch(header, Pattern, Index, _ => Replacement);

        public override string ToString() => $"ReplaceToken {{ Index = {Index}, Pattern = {Pattern}, Replacement = {Excerpt(Replacement)} }}";
    }

    private sealed record Insert(int Position, string Snippet) : HeaderEdit
    {
        public override string Apply(string header) => header.Insert(Wrap(Position, header.Length + 1), Snippet);

        public override string ToString() => $"Insert {{ Position = {Position}, Snippet = {Excerpt(Snippet)} }}";
    }

    private sealed record Delete(int Position, int Length) : HeaderEdit
    {
        public override string Apply(string header)
        {
            if (header.Length == 0) return header;
            int start = Wrap(Position, header.Length);
            return header.Remove(start, Math.Min(Length, header.Length - start));
        }
    }

    /// <summary>Moves one tensor's data, keeping its size right, so that it overlaps, leaves a gap or runs past the end.</summary>
    private sealed record ShiftOffsets(int Index, int Delta) : HeaderEdit
    {
        public override string Apply(string header) => ReplaceMatch(header, OffsetsPattern, Index, match =>
        {
            BigInteger begin = BigInteger.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + Delta;
            BigInteger end = BigInteger.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + Delta;
            return $"\"data_offsets\":[{begin},{end}]";
        });
    }

    /// <summary>Reverses one tensor's dimensions: the same size, so it passes the offset checks and meets the shape check.</summary>
    private sealed record ReverseShape(int Index) : HeaderEdit
    {
        public override string Apply(string header) =>
            ReplaceMatch(header, ShapePattern, Index, match => $"\"shape\":[{string.Join(',', match.Groups[1].Value.Split(',').Reverse())}]");
    }

    private static string ReplaceMatch(string header, Regex pattern, int index, Func<Match, string> replace)
    {
        MatchCollection matches = pattern.Matches(header);
        if (matches.Count == 0) return header;
        Match match = matches[Wrap(index, matches.Count)];
        return string.Concat(header.AsSpan(0, match.Index), replace(match), header.AsSpan(match.Index + match.Length));
    }

    private static string Excerpt(string text) => text.Length <= 40 ? text : $"{text[..20]}… ({text.Length} chars)";
}
