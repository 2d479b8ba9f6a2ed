using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// A float buffer whose first element sits on a 64-byte boundary (one cache line, one zmm register), so no
/// 512-bit load of it splits a cache line: a pinned array (it never moves) with the start offset chosen
/// once. What a hand-written SIMD baseline would use; a plain <c>float[]</c>'s data is only 8-byte aligned.
/// </summary>
public sealed class AlignedFloats
{
    private readonly float[] _array;
    private readonly int _offset;

    /// <summary><paramref name="length"/> zeros, 64-byte aligned.</summary>
    public unsafe AlignedFloats(int length)
    {
        _array = GC.AllocateArray<float>(length + 16, pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        _offset = (int)((64 - address % 64) % 64 / sizeof(float));
        Length = length;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats.</summary>
    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>The first float.</summary>
    public ref float Ref => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);
}
