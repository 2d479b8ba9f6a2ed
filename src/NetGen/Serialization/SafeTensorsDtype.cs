using System;
using System.Buffers.Binary;
using System.IO;

namespace NetGen.Serialization;

/// <summary>The safetensors element types: the conversion of the floating-point ones to float32 and of the integer ones to int64 (their names and sizes: SafeTensorsDtype.Names.cs).</summary>
internal static partial class SafeTensorsDtype
{
    /// <summary>
    /// Converts little-endian <paramref name="bytes"/> of an integer dtype to counters, which count and so are never
    /// negative (a U64 above <see cref="long.MaxValue"/> is rejected as well). <paramref name="tensor"/> names the tensor in messages.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is negative or beyond int64.</exception>
    public static void DecodeIntegers(string dtype, ReadOnlySpan<byte> bytes, Span<long> values, string tensor)
    {
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> element = bytes[(i * Bits(dtype)!.Value / 8)..];
            Int128 value = dtype switch
            {
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(element),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(element),
                "I16" => BinaryPrimitives.ReadInt16LittleEndian(element),
                "I8" => (sbyte)element[0],
                "U64" => BinaryPrimitives.ReadUInt64LittleEndian(element),
                "U32" => BinaryPrimitives.ReadUInt32LittleEndian(element),
                "U16" => BinaryPrimitives.ReadUInt16LittleEndian(element),
                "U8" => element[0],
                _ => throw new ArgumentException($"Dtype {dtype} is not one of {IntegerList}.", nameof(dtype)),
            };
            values[i] = value >= 0 && value <= long.MaxValue
                ? (long)value
                : throw new InvalidDataException($"Tensor '{tensor}': {dtype} element {i} ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)}) is not a count from 0 to {long.MaxValue}.");
        }
    }

    /// <summary>Writes <paramref name="values"/> as little-endian int64 (I64).</summary>
    public static void EncodeIntegers(ReadOnlySpan<long> values, Span<byte> bytes)
    {
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.Slice(8 * i), values[i]);
    }

    /// <summary>
    /// Converts little-endian <paramref name="bytes"/> of a loadable dtype to float32: F16 exactly (System.Half),
    /// BF16 exactly (its bits are the top half of a float32's), F64 rounded to nearest. <paramref name="firstIndex"/> is the
    /// tensor index of the first value, and <paramref name="tensor"/> the tensor's name, for messages.
    /// </summary>
    /// <exception cref="InvalidDataException">An F64 value is finite but beyond float32's range (it would silently become infinity).</exception>
    public static void Decode(string dtype, ReadOnlySpan<byte> bytes, Span<float> values, string tensor, int firstIndex)
    {
        switch (dtype)
        {
            case "F32":
                for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i));
                break;
            case "F16":
                for (int i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(2 * i));
                break;
            case "BF16":
                for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(2 * i)) << 16);
                break;
            case "F64":
                for (int i = 0; i < values.Length; i++) values[i] = NarrowDouble(BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * i)), firstIndex + i, tensor);
                break;
            default:
                throw new ArgumentException($"Dtype {dtype} is not one of {LoadableList}.", nameof(dtype));
        }
    }

    private static float NarrowDouble(double value, int index, string tensor)
    {
        float narrowed = (float)value;
        if (float.IsInfinity(narrowed) && double.IsFinite(value))
            throw new InvalidDataException($"Tensor '{tensor}': F64 element {index} ({value:R}) is beyond the float32 range.");
        return narrowed;
    }

    /// <summary>The name a file gives <paramref name="dtype"/>.</summary>
    public static string Name(TensorDtype dtype) => dtype switch
    {
        TensorDtype.F32 => "F32",
        TensorDtype.F16 => "F16",
        TensorDtype.BF16 => "BF16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Must be F32, F16 or BF16."),
    };

    /// <summary>Bytes per element of a dtype that can be saved.</summary>
    public static int Size(TensorDtype dtype) => dtype == TensorDtype.F32 ? 4 : 2;

    /// <summary>
    /// Writes <paramref name="values"/> little-endian as <paramref name="dtype"/>, rounded to nearest, ties to even
    /// (System.Half's conversion for F16; the same rounding on the top 16 bits for BF16). NaN stays NaN.
    /// </summary>
    public static void Encode(TensorDtype dtype, ReadOnlySpan<float> values, Span<byte> bytes)
    {
        switch (dtype)
        {
            case TensorDtype.F32:
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(4 * i), values[i]);
                break;
            case TensorDtype.F16:
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(bytes.Slice(2 * i), (Half)values[i]);
                break;
            default:
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(2 * i), ToBFloat16(values[i]));
                break;
        }
    }

    /// <summary>The bfloat16 nearest to <paramref name="value"/>, ties to even; a NaN stays a (quiet) NaN of the same sign.</summary>
    public static ushort ToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        uint roundingBias = 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)((bits + roundingBias) >> 16);
    }

    /// <summary>
    /// The index of the first finite value in <paramref name="values"/> that <paramref name="dtype"/> cannot hold
    /// (it would round to infinity), or −1.
    /// </summary>
    public static int FirstOverflow(TensorDtype dtype, ReadOnlySpan<float> values)
    {
        if (dtype == TensorDtype.F32) return -1;
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (!float.IsFinite(value)) continue;
            bool overflows = dtype == TensorDtype.F16
                ? Half.IsInfinity((Half)value)
                : float.IsInfinity(BitConverter.Int32BitsToSingle(ToBFloat16(value) << 16));
            if (overflows) return i;
        }
        return -1;
    }
}
