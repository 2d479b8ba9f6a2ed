using System;
using System.Collections.Generic;

namespace NetGen.Serialization;

/// <summary>One tensor of a network as PyTorch's <c>state_dict()</c> names it, and where its values lie in <see cref="INetwork.Parameters"/>.</summary>
/// <param name="Name">e.g. <c>Hidden.weight</c> or <c>Memory.bias_hh</c>.</param>
/// <param name="Shape">PyTorch's shape: <c>[out, in]</c> for a weight, <c>[out]</c> for a bias.</param>
/// <param name="ParameterOffset">Index of its first value in <see cref="INetwork.Parameters"/> (row-major, as PyTorch).</param>
internal sealed record NetworkTensor(string Name, int[] Shape, int ParameterOffset)
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

    /// <summary>The shape as written in messages, e.g. <c>[8, 4]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>Lists a network's tensors from <see cref="INetwork.Layers"/>, in the layout the generated code uses.</summary>
internal static class NetworkTensors
{
    /// <summary>
    /// Each layer's tensors as its kind's descriptor lists them, named <c>{Name}.{suffix}</c>: dense <c>weight [out, in]</c>,
    /// <c>bias [out]</c> (<c>torch.nn.Linear</c>); recurrent <c>weight_ih [rows, in]</c>, <c>weight_hh [rows, out]</c>,
    /// <c>bias_ih [rows]</c>, <c>bias_hh [rows]</c> (<c>torch.nn.RNNCell</c>/<c>LSTMCell</c>/<c>GRUCell</c>, rows = gates · out).
    /// </summary>
    /// <exception cref="ArgumentException">A layer does not fit the parameter block, or two tensors share a name (possible only for a hand-written <see cref="INetwork"/>).</exception>
    public static IReadOnlyList<NetworkTensor> Of(INetwork net)
    {
        int parameterCount = net.ParameterCount;
        var tensors = new List<NetworkTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (LayerInfo layer in net.Layers)
        {
            if (layer.Kind == LayerKind.Input) continue;
            if (layer.Descriptor is not { } kind)
                throw new ArgumentException($"Layer '{layer.Name}' has kind {layer.Kind}, which has no safetensors layout.", nameof(net));
            if (layer.ParameterOffset < 0 || layer.ParameterCount != layer.WeightCount + layer.BiasCount
                || layer.ParameterOffset > parameterCount - layer.ParameterCount)
                throw new ArgumentException(
                    $"Layer '{layer.Name}' ({Counted.Of(layer.ParameterCount, "parameter")} at offset {layer.ParameterOffset}) does not fit the network's {Counted.Of(parameterCount, "parameter")}.",
                    nameof(net));

            int offset = layer.ParameterOffset;
            foreach (NetGen.Model.TensorShape shape in kind.Tensors(layer.Dimensions))
            {
                var tensor = new NetworkTensor($"{layer.Name}.{shape.Suffix}", shape.Shape, offset);
                if (!names.Add(tensor.Name))
                    throw new ArgumentException($"Two layers would write tensor '{tensor.Name}'; tensor names must be unique.", nameof(net));
                tensors.Add(tensor);
                offset += tensor.Count;
            }
        }
        return tensors;
    }
}
