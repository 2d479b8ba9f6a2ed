using System;
using System.Buffers.Binary;
using System.IO;

namespace NetGen.Serialization;

/// <summary>The safetensors element types: their sizes, and the conversion of the floating-point ones to float32.</summary>
internal static class SafeTensorsDtype
{
    /// <summary>What <see cref="SafeTensors.Save(INetwork, string)"/> writes.</summary>
    public const string Float32 = "F32";

    /// <summary>The float types that load into a network, for messages.</summary>
    public const string LoadableList = "F32, F16, BF16 or F64";

    /// <summary>
    /// Bits per element of every dtype the format defines, so that a file's offsets can be checked even for
    /// tensors the network does not use; null for a name the format does not define.
    /// </summary>
    public static int? Bits(string dtype) => dtype switch
    {
        "F4" => 4,
        "F6_E2M3" or "F6_E3M2" => 6,
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" or "F8_E8M0" => 8,
        "I16" or "U16" or "F16" or "BF16" => 16,
        "I32" or "U32" or "F32" => 32,
        "I64" or "U64" or "F64" or "C64" => 64,
        _ => null,
    };

    /// <summary>Whether <see cref="Decode"/> converts <paramref name="dtype"/>.</summary>
    public static bool IsLoadable(string dtype) => dtype is "F32" or "F16" or "BF16" or "F64";

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
}
