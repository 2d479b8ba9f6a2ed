using System.Collections.Generic;

namespace NetGen;

/// <summary>One tensor a safetensors file must hold for a network (see <see cref="SafeTensors.ExpectedTensors"/>).</summary>
/// <param name="Name">PyTorch's <c>state_dict()</c> name, e.g. <c>fc1.weight</c> or <c>lstm.bias_hh</c>.</param>
/// <param name="Dtype">The dtype the network holds and <see cref="SafeTensors.Save(INetwork, string, TensorDtype, IReadOnlyDictionary{string, string}?)"/> writes by default: <c>F32</c> (F16, BF16 and F64 also load).</param>
/// <param name="Shape">The dimensions, outermost first: <c>[out, in]</c> for a weight, <c>[out]</c> for a bias.</param>
public sealed record ExpectedTensor(string Name, string Dtype, IReadOnlyList<int> Shape)
{
    /// <summary>Number of values: the product of <see cref="Shape"/>.</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach (int dimension in Shape) count *= dimension;
            return count;
        }
    }

    /// <summary>The tensor as messages write it, e.g. <c>fc1.weight F32 [2, 2]</c>.</summary>
    public override string ToString() => $"{Name} {Dtype} [{string.Join(", ", Shape)}]";
}
