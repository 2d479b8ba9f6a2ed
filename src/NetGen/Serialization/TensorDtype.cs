namespace NetGen;

/// <summary>The element type <see cref="SafeTensors.Save(INetwork, string, TensorDtype, System.Collections.Generic.IReadOnlyDictionary{string, string}?)"/> writes.</summary>
public enum TensorDtype
{
    /// <summary>IEEE 754 binary32, the network's own precision: a saved network loads back bit for bit.</summary>
    F32 = 0,

    /// <summary>IEEE 754 binary16 (<c>torch.float16</c>): 11 significant bits, largest finite value 65504.</summary>
    F16 = 1,

    /// <summary>bfloat16 (<c>torch.bfloat16</c>): float32's exponent range, 8 significant bits.</summary>
    BF16 = 2,
}
