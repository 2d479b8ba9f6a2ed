using System;
using System.IO;
using System.Linq;

namespace NetGen.Model;

/// <summary>
/// An additional file's bytes, compared by content (length, a 64-bit FNV-1a hash, then the bytes), so that the
/// generator's cache tells an edited weights file from an unchanged one and holds no reference-equal arrays.
/// </summary>
internal sealed class WeightsFile : IEquatable<WeightsFile>
{
    /// <summary>The name weights files must end with, to be read by the generator (others are not looked at).</summary>
    public const string Extension = ".safetensors";

    private readonly byte[]? _bytes;
    private readonly ulong _hash;

    private WeightsFile(string path, byte[]? bytes, string? readError)
    {
        Path = path;
        _bytes = bytes;
        ReadError = readError;
        _hash = bytes is null ? 0 : Fnv1a(bytes);
    }

    public string Path { get; }

    /// <summary>Why the file could not be read (null when it was).</summary>
    public string? ReadError { get; }

    /// <summary>The file's content (null when it could not be read). Never written to.</summary>
    public byte[]? Bytes => _bytes;

    /// <summary>The file at <paramref name="path"/>, or why it could not be read.</summary>
    public static WeightsFile Read(string path)
    {
        try
        {
            // Roslyn's AdditionalText is text only (a safetensors file is binary): the file is read from its path.
#pragma warning disable RS1035 // File IO: the additional file's own bytes, which no Roslyn API provides.
            return new WeightsFile(path, File.ReadAllBytes(path), null);
#pragma warning restore RS1035
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException or OutOfMemoryException)
        {
            return new WeightsFile(path, null, e.Message);
        }
    }

    /// <summary>A file with the given content, for tests.</summary>
    public static WeightsFile FromBytes(string path, byte[] bytes) => new(path, bytes, null);

    /// <summary>Whether a project's additional file at <paramref name="path"/> is what <c>[Network(Weights = <paramref name="weights"/>)]</c> names: its path ends with those segments.</summary>
    public static bool Matches(string path, string weights)
    {
        string file = Normalize(path), wanted = Normalize(weights);
        while (wanted.StartsWith("./", StringComparison.Ordinal)) wanted = wanted.Substring(2);
        return wanted.Length > 0 && (file == wanted || file.EndsWith("/" + wanted, StringComparison.Ordinal));
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    public bool Equals(WeightsFile? other)
        => other is not null && Path == other.Path && ReadError == other.ReadError && _hash == other._hash
           && (_bytes is null ? other._bytes is null : other._bytes is not null && _bytes.SequenceEqual(other._bytes));

    public override bool Equals(object? obj) => Equals(obj as WeightsFile);

    public override int GetHashCode() => unchecked((int)_hash ^ Path.GetHashCode());

    private static ulong Fnv1a(byte[] bytes)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in bytes) hash = unchecked((hash ^ b) * 1099511628211);
        return hash;
    }
}
