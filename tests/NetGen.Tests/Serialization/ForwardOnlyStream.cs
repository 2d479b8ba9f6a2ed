using System;
using System.IO;

namespace NetGen.Tests.Serialization;

/// <summary>A stream that can only be read forward, in small pieces, like a network or pipe: no length, no seeking.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes, bool writeOnly = false) : Stream
{
    private int _position;

    public override bool CanRead => !writeOnly;
    public override bool CanSeek => false;
    public override bool CanWrite => writeOnly;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // At most 7 bytes a call, so that readers must loop.
    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = Math.Min(Math.Min(count, 7), bytes.Length - _position);
        bytes.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
        _position += read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
