using System.Runtime.InteropServices;

namespace NetGen.Model;

/// <summary>
/// Little-endian reads and float bit casts for netstandard2.0 (no BinaryPrimitives, no BitConverter.SingleToInt32Bits):
/// by shifts and a union, so they mean the same on a big-endian build machine.
/// </summary>
internal static class LittleEndian
{
    /// <summary>The unsigned integer in <paramref name="size"/> (1 to 8) bytes at <paramref name="offset"/>, least significant first.</summary>
    public static ulong Read(byte[] bytes, int offset, int size)
    {
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--) value = value << 8 | bytes[offset + i];
        return value;
    }

    /// <summary>Writes the low <paramref name="size"/> bytes of <paramref name="value"/>, least significant first.</summary>
    public static void Write(byte[] bytes, int offset, int size, ulong value)
    {
        for (int i = 0; i < size; i++, value >>= 8) bytes[offset + i] = (byte)value;
    }

    public static uint SingleToBits(float value) => new FloatBits { Value = value }.Bits;

    public static float BitsToSingle(uint bits) => new FloatBits { Bits = bits }.Value;

    [StructLayout(LayoutKind.Explicit)]
    private struct FloatBits
    {
        [FieldOffset(0)] public float Value;
        [FieldOffset(0)] public uint Bits;
    }
}
