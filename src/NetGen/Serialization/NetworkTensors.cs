using System;
using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Serialization;

/// <summary>One tensor of a network as PyTorch's <c>state_dict()</c> names it, and where its values lie.</summary>
/// <param name="Name">e.g. <c>Hidden.weight</c>, <c>Memory.bias_hh</c> or <c>Norm.running_var</c>.</param>
/// <param name="Shape">PyTorch's shape: <c>[out, in]</c> for a weight, <c>[out]</c> for a bias, <c>[]</c> for a counter.</param>
/// <param name="Block">Which block holds its values.</param>
/// <param name="Offset">Index of its first value in <paramref name="Block"/> (row-major, as PyTorch).</param>
internal sealed record NetworkTensor(string Name, int[] Shape, TensorBlock Block, int Offset)
{
    /// <summary>Number of values: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public int Count
    {
        get
        {
            int count = 1;
            foreach (int dimension in Shape) count *= dimension;
            return count;
        }
    }

    /// <summary>An int64 tensor (a counter) rather than a float one.</summary>
    public bool IsInteger => Block == TensorBlock.Counters;

    /// <summary>The dtype the network holds it in: <c>I64</c> for a counter, else <c>F32</c>.</summary>
    public string Dtype => IsInteger ? SafeTensorsDtype.Int64 : SafeTensorsDtype.Float32;

    /// <summary>The shape as written in messages, e.g. <c>[8, 4]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>Lists a network's tensors from <see cref="INetwork.Layers"/>, in the layout the generated code uses.</summary>
internal static class NetworkTensors
{
    /// <summary>
    /// Each layer's tensors in PyTorch's <c>state_dict()</c> order, named <c>{Name}.{suffix}</c>: its parameters as its
    /// kind's descriptor lists them (dense <c>weight [out, in]</c>, <c>bias [out]</c>; recurrent <c>weight_ih</c>,
    /// <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>; batch normalisation <c>weight [C]</c>, <c>bias [C]</c>), then
    /// its buffers (<c>running_mean [C]</c>, <c>running_var [C]</c>), then its counters as int64 scalars
    /// (<c>num_batches_tracked []</c>). Counters that are NetGen's own (dropout's <c>draws</c>) are listed only when
    /// <paramref name="allCounters"/>: PyTorch has no such tensor, so only checkpoints hold them.
    /// </summary>
    /// <exception cref="ArgumentException">A layer does not fit the network's blocks, or two tensors share a name (possible only for a hand-written <see cref="INetwork"/>).</exception>
    public static IReadOnlyList<NetworkTensor> Of(INetwork net, bool allCounters = false)
    {
        int parameterCount = net.ParameterCount, bufferCount = net.Buffers.Length, counterCount = net.Counters.Length;
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
            long buffers = kind.BufferCount(layer.Dimensions);
            if (buffers > 0 && (layer.BufferOffset < 0 || layer.BufferOffset > bufferCount - buffers))
                throw new ArgumentException(
                    $"Layer '{layer.Name}' ({Counted.Values(buffers)} of state at offset {layer.BufferOffset}) does not fit the network's {Counted.Values(bufferCount)} of Buffers.",
                    nameof(net));
            string[] counters = kind.Counters;
            if (counters.Length > 0 && (layer.CounterOffset < 0 || layer.CounterOffset > counterCount - counters.Length))
                throw new ArgumentException(
                    $"Layer '{layer.Name}' ({Counted.Of(counters.Length, "counter")} at offset {layer.CounterOffset}) does not fit the network's {Counted.Of(counterCount, "counter")}.",
                    nameof(net));
            foreach (StateDictTensor tensor in StateDictLayout.Of(kind, layer.Dimensions, layer.ParameterOffset, layer.BufferOffset, layer.CounterOffset, allCounters))
            {
                var named = new NetworkTensor($"{layer.Name}.{tensor.Suffix}", tensor.Shape, tensor.Block, tensor.Offset);
                if (!names.Add(named.Name))
                    throw new ArgumentException($"Two layers would write tensor '{named.Name}'; tensor names must be unique.", nameof(net));
                tensors.Add(named);
            }
        }
        return tensors;
    }
}
