// Shared source: compiled into the runtime and, with the model, into the generator and the analyzer, which check a
// compiled-in weights file ([Network(Weights)]) by the same dtype facts as SafeTensors.Load.
namespace NetGen.Serialization;

/// <summary>The safetensors element types' names and sizes, and which of them load into a network.</summary>
internal static partial class SafeTensorsDtype
{
    /// <summary>What SafeTensors.Save writes by default.</summary>
    public const string Float32 = "F32";

    /// <summary>What counters are written as, whatever the float dtype: PyTorch's <c>torch.int64</c>.</summary>
    public const string Int64 = "I64";

    /// <summary>The float types that load into a network, for messages.</summary>
    public const string LoadableList = "F32, F16, BF16 or F64";

    /// <summary>The integer types that load into a counter, for messages.</summary>
    public const string IntegerList = "I64, I32, I16, I8, U64, U32, U16 or U8";

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

    /// <summary>Whether <c>Decode</c> (run time) converts <paramref name="dtype"/>.</summary>
    public static bool IsLoadable(string dtype) => dtype is "F32" or "F16" or "BF16" or "F64";

    /// <summary>Whether <c>DecodeIntegers</c> (run time) converts <paramref name="dtype"/>.</summary>
    public static bool IsInteger(string dtype) => dtype is "I64" or "I32" or "I16" or "I8" or "U64" or "U32" or "U16" or "U8";
}
