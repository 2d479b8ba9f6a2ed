using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Numerics;

/// <summary>
/// A block of floats whose first element sits on a 64-byte boundary for the block's whole life: a pinned array (the GC
/// never moves it) and a start offset chosen once. A 512-bit load or store into it then never straddles two cache lines;
/// one that does costs about a third of the speed of a store-heavy sweep such as a fused backward + SGD update.
/// Generated networks keep their parameters and gradients in one each.
/// </summary>
public sealed class AlignedBlock
{
    private const int Alignment = 64;
    private readonly float[] _array;
    private readonly int _offset;

    /// <summary>A zeroed block of <paramref name="length"/> floats.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or too large for one array.</exception>
    public unsafe AlignedBlock(int length)
    {
        const int padding = Alignment / sizeof(float) - 1;
        if (length < 0 || length > Array.MaxLength - padding)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Must be in [0, {Array.MaxLength - padding}].");
        _array = GC.AllocateArray<float>(length + padding, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        _offset = (int)((Alignment - address % Alignment) % Alignment) / sizeof(float);
        Length = length;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats; element 0 is 64-byte aligned.</summary>
    public Span<float> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset), Length);
    }
}
