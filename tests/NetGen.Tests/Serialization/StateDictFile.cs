using System.Collections.Generic;
using System.Linq;
using static NetGen.Tests.Serialization.SafeTensorsBytes;

namespace NetGen.Tests.Serialization;

/// <summary>Writes a safetensors file of named F32 tensors without NetGen's writer, as a PyTorch state dict would be saved.</summary>
internal static class StateDictFile
{
    public static byte[] Of(IEnumerable<(string Name, int[] Shape, float[] Values)> tensors)
    {
        var entries = new List<string>();
        var data = new List<byte>();
        foreach ((string name, int[] shape, float[] values) in tensors)
        {
            ulong begin = (ulong)data.Count;
            data.AddRange(Floats(values));
            entries.Add(Entry(name, "F32", "[" + string.Join(",", shape) + "]", begin, (ulong)data.Count));
        }
        return File(Header([.. entries]), data.ToArray());
    }

    /// <summary>The network's own tensors (names, shapes and values), renamed by <paramref name="rename"/>.</summary>
    public static IEnumerable<(string Name, int[] Shape, float[] Values)> Tensors(INetwork net, System.Func<string, string> rename)
    {
        float[] parameters = net.Parameters.ToArray();
        int offset = 0;
        // ExpectedTensors lists the tensors in parameter order, so their values follow one another.
        foreach (ExpectedTensor tensor in SafeTensors.ExpectedTensors(net))
        {
            yield return (rename(tensor.Name), tensor.Shape.ToArray(), parameters[offset..(offset + tensor.Count)]);
            offset += tensor.Count;
        }
    }
}
