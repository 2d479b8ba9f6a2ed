using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Model;

/// <summary>A JSON value of a safetensors header: an object (members in order), an array, a string, or another scalar kept as written.</summary>
internal sealed class HeaderJsonValue
{
    public HeaderJsonKind Kind { get; }
    public string Text { get; }
    public List<HeaderJsonValue> Items { get; } = new();
    public List<KeyValuePair<string, HeaderJsonValue>> Members { get; } = new();

    public HeaderJsonValue(HeaderJsonKind kind, string text = "")
    {
        Kind = kind;
        Text = text;
    }
}

internal enum HeaderJsonKind { Object, Array, String, Number, Literal }

/// <summary>
/// Reads a safetensors header's JSON where System.Text.Json is not available (a netstandard2.0 generator): strict
/// RFC 8259 (no comments, no trailing commas, no lone surrogates), at most 3 levels deep (root, a tensor, its shape:
/// nothing valid is deeper), trailing whitespace allowed. Every fault is an <see cref="InvalidDataException"/> with
/// the byte position; nothing else is thrown, and the work is linear in the header's length.
/// </summary>
internal sealed class HeaderJson
{
    private const int MaxDepth = 3;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _text;
    private int _position;

    private HeaderJson(string text) => _text = text;

    /// <exception cref="InvalidDataException">Not valid UTF-8 or not valid JSON.</exception>
    public static HeaderJsonValue Parse(byte[] bytes, int offset, int count)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, offset, count);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("The header is not valid UTF-8.");
        }
        if (text.Length == 0 || text[0] != '{') throw new InvalidDataException("The header does not start with '{': it must be a JSON object.");
        var reader = new HeaderJson(text);
        HeaderJsonValue root = reader.ReadValue(1);
        reader.SkipWhitespace();
        if (reader._position != text.Length) throw reader.Error("unexpected text after the object");
        return root;
    }

    private HeaderJsonValue ReadValue(int depth)
    {
        SkipWhitespace();
        if (_position >= _text.Length) throw Error("the header ends where a value should be");
        char c = _text[_position];
        switch (c)
        {
            case '{':
            case '[':
                if (depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth} levels");
                return c == '{' ? ReadObject(depth) : ReadArray(depth);
            case '"':
                return new HeaderJsonValue(HeaderJsonKind.String, ReadString());
            case 't': return ReadLiteral("true");
            case 'f': return ReadLiteral("false");
            case 'n': return ReadLiteral("null");
            default:
                if (c == '-' || c >= '0' && c <= '9') return ReadNumber();
                throw Error($"unexpected character '{c}'");
        }
    }

    private HeaderJsonValue ReadObject(int depth)
    {
        var value = new HeaderJsonValue(HeaderJsonKind.Object);
        _position++;
        SkipWhitespace();
        if (TryTake('}')) return value;
        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"') throw Error("expected a quoted name");
            string name = ReadString();
            SkipWhitespace();
            if (!TryTake(':')) throw Error("expected ':' after a name");
            value.Members.Add(new KeyValuePair<string, HeaderJsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            if (TryTake('}')) return value;
            if (!TryTake(',')) throw Error("expected ',' or '}'");
        }
    }

    private HeaderJsonValue ReadArray(int depth)
    {
        var value = new HeaderJsonValue(HeaderJsonKind.Array);
        _position++;
        SkipWhitespace();
        if (TryTake(']')) return value;
        while (true)
        {
            value.Items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (TryTake(']')) return value;
            if (!TryTake(',')) throw Error("expected ',' or ']'");
        }
    }

    private string ReadString()
    {
        _position++; // the opening quote
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length) throw Error("the header ends inside a string");
            char c = _text[_position++];
            if (c == '"') return text.ToString();
            if (c < ' ') throw Error("a control character inside a string");
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (_position >= _text.Length) throw Error("the header ends inside a string");
            char escape = _text[_position++];
            switch (escape)
            {
                case '"': case '\\': case '/': text.Append(escape); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u': text.Append(ReadEscapedCharacter()); break;
                default: throw Error($"an unknown escape '\\{escape}'");
            }
        }
    }

    // A \uXXXX escape, or two forming a surrogate pair: a lone surrogate is not Unicode (serde_json rejects it too).
    private string ReadEscapedCharacter()
    {
        char first = ReadHex4();
        if (!char.IsSurrogate(first)) return first.ToString();
        if (char.IsHighSurrogate(first) && _position + 1 < _text.Length && _text[_position] == '\\' && _text[_position + 1] == 'u')
        {
            _position += 2;
            char second = ReadHex4();
            if (char.IsLowSurrogate(second)) return new string(new[] { first, second });
        }
        throw Error("a string that is not valid Unicode (a lone surrogate)");
    }

    private char ReadHex4()
    {
        if (_position + 4 > _text.Length || !ushort.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
            throw Error("a \\u escape without four hex digits");
        _position += 4;
        return (char)code;
    }

    // RFC 8259's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as written.
    private HeaderJsonValue ReadNumber()
    {
        int start = _position;
        TryTake('-');
        if (!TryTake('0') && !SkipDigits()) throw Error("a number without digits");
        if (TryTake('.') && !SkipDigits()) throw Error("a number with no digits after '.'");
        if (TryTake('e') || TryTake('E'))
        {
            if (!TryTake('+')) TryTake('-');
            if (!SkipDigits()) throw Error("a number with no digits in its exponent");
        }
        return new HeaderJsonValue(HeaderJsonKind.Number, _text.Substring(start, _position - start));
    }

    private bool SkipDigits()
    {
        int start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9') _position++;
        return _position > start;
    }

    private HeaderJsonValue ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0) throw Error($"unexpected character '{_text[_position]}'");
        _position += literal.Length;
        return new HeaderJsonValue(HeaderJsonKind.Literal, literal);
    }

    private bool TryTake(char c)
    {
        if (_position >= _text.Length || _text[_position] != c) return false;
        _position++;
        return true;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
    }

    private InvalidDataException Error(string what)
        => new($"The header is not valid JSON: {what} at character {_position.ToString(CultureInfo.InvariantCulture)}.");
}
