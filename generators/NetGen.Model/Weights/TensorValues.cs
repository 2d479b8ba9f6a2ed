using System;
using System.Globalization;
using System.IO;

namespace NetGen.Model;

/// <summary>
/// A tensor's values converted at build time as <c>SafeTensorsDtype.Decode</c> converts them at run time: F32 as is,
/// F16 and BF16 exactly, F64 rounded to nearest (a finite value beyond float32's range is an error, not infinity);
/// a counter from any integer dtype, as a count from 0 to long.MaxValue.
/// </summary>
internal static class TensorValues
{
    /// <summary>The values of a float tensor as little-endian float32 bytes (4 per value).</summary>
    /// <exception cref="InvalidDataException">An F64 value is finite but beyond float32's range.</exception>
    public static byte[] ToFloat32(string dtype, byte[] file, int start, int count, string tensor)
    {
        var result = new byte[4 * count];
        if (dtype == "F32")
        {
            Buffer.BlockCopy(file, start, result, 0, result.Length);
            return result;
        }
        for (int i = 0; i < count; i++)
        {
            uint bits = dtype switch
            {
                "F16" => HalfToSingleBits((ushort)LittleEndian.Read(file, start + 2 * i, 2)),
                "BF16" => (uint)LittleEndian.Read(file, start + 2 * i, 2) << 16,
                "F64" => NarrowDouble(BitConverter.Int64BitsToDouble((long)LittleEndian.Read(file, start + 8 * i, 8)), i, tensor),
                _ => throw new ArgumentException($"Dtype {dtype} is not a float type.", nameof(dtype)),
            };
            LittleEndian.Write(result, 4 * i, 4, bits);
        }
        return result;
    }

    /// <summary>A counter's value from its integer dtype (of <paramref name="size"/> bytes, signed or not).</summary>
    /// <exception cref="InvalidDataException">The value is negative or beyond int64.</exception>
    public static long ToCount(string dtype, byte[] file, int start, int size, string tensor)
    {
        ulong raw = LittleEndian.Read(file, start, size);
        bool signed = dtype.StartsWith("I", StringComparison.Ordinal);
        bool negative = signed && (raw >> (8 * size - 1) & 1) != 0;
        if (negative || raw > long.MaxValue)
        {
            string value = negative ? "a negative value" : raw.ToString(CultureInfo.InvariantCulture);
            throw new InvalidDataException($"Tensor '{tensor}': {dtype} element 0 ({value}) is not a count from 0 to {long.MaxValue}.");
        }
        return (long)raw;
    }

    /// <summary>IEEE 754 binary16 to binary32, exactly (every half is a float): subnormals normalised, infinities and NaN payloads kept.</summary>
    public static uint HalfToSingleBits(ushort half)
    {
        uint sign = (uint)(half & 0x8000) << 16;
        int exponent = half >> 10 & 0x1F;
        uint mantissa = (uint)(half & 0x3FF);
        if (exponent == 0x1F) return sign | 0x7F800000u | mantissa << 13;
        if (exponent != 0) return sign | (uint)(exponent + 127 - 15) << 23 | mantissa << 13;
        if (mantissa == 0) return sign;
        int shift = 0;
        while ((mantissa & 0x400) == 0)
        {
            mantissa <<= 1;
            shift++;
        }
        return sign | (uint)(127 - 15 + 1 - shift) << 23 | (mantissa & 0x3FF) << 13;
    }

    private static uint NarrowDouble(double value, int index, string tensor)
    {
        float narrowed = (float)value;
        if (float.IsInfinity(narrowed) && !double.IsInfinity(value) && !double.IsNaN(value))
            throw new InvalidDataException($"Tensor '{tensor}': F64 element {index} ({value.ToString("R", CultureInfo.InvariantCulture)}) is beyond the float32 range.");
        return LittleEndian.SingleToBits(narrowed);
    }
}
