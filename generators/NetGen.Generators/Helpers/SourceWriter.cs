using System;
using System.Text;
using System.Threading;

namespace NetGen.Generators.Helpers;

/// <summary>
/// Writes C# with tracked indentation (after dotnet/runtime's Common/src/SourceGenerators/SourceWriter):
/// callers never build indent strings, and braces keep the indentation balanced. Every line checks the
/// cancellation token, so that every emitter loop (over layers, over unrolled weights) stops when the IDE cancels.
/// </summary>
internal sealed class SourceWriter(CancellationToken cancellationToken)
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public int Length => _builder.Length;

    public void WriteLine(string text)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (text.Length > 0) _builder.Append(' ', _indentation * SpacesPerLevel).Append(text);
        _builder.Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes "{" and indents until the returned scope is disposed, which writes <paramref name="closing"/>.</summary>
    public Block OpenBlock(string? header = null, string closing = "}")
    {
        if (header is not null) WriteLine(header);
        WriteLine("{");
        _indentation++;
        return new Block(this, closing);
    }

    /// <summary>The source written; every block must have been closed (an emitter that leaves one open is a bug, not a file).</summary>
    public override string ToString()
        => _indentation == 0 ? _builder.ToString() : throw new InvalidOperationException($"Unbalanced generated source: {_indentation} block(s) left open.");

    internal readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        public Block(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._indentation--;
            _writer.WriteLine(_closing);
        }
    }
}
