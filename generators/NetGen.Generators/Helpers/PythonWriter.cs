using System;
using System.Collections.Generic;
using System.Threading;

namespace NetGen.Generators.Helpers;

/// <summary>
/// Writes Python with tracked indentation, as <see cref="SourceWriter"/> writes C#: Python's blocks are its indentation,
/// so callers open a scope instead of building indent strings. The lines are kept apart, to become one C# literal each.
/// </summary>
internal sealed class PythonWriter(CancellationToken cancellationToken)
{
    private const int SpacesPerLevel = 4;
    private readonly List<string> _lines = [];
    private int _indentation;

    public void WriteLine(string text = "")
    {
        cancellationToken.ThrowIfCancellationRequested();
        _lines.Add(text.Length == 0 ? "" : new string(' ', _indentation * SpacesPerLevel) + text);
    }

    /// <summary>Writes each line of <paramref name="text"/> (a helper's definition) at the current indentation.</summary>
    public void WriteLines(string text)
    {
        foreach (string line in text.Split('\n')) WriteLine(line);
    }

    /// <summary>Writes <paramref name="header"/> (ending in ':') and indents the lines written until the scope is disposed.</summary>
    public Scope Open(string header)
    {
        WriteLine(header);
        _indentation++;
        return new Scope(this);
    }

    /// <summary>The lines written; every scope must have been closed.</summary>
    public IReadOnlyList<string> Lines
        => _indentation == 0 ? _lines : throw new InvalidOperationException($"Unbalanced Python source: {_indentation} scope(s) left open.");

    internal readonly struct Scope(PythonWriter writer) : IDisposable
    {
        public void Dispose() => writer._indentation--;
    }
}
