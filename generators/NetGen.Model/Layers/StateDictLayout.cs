// Shared source: compiled into the generator and the analyzer (the model) and into the runtime, so that a file saved
// by SafeTensors and a file compiled in by [Network(Weights)] are checked against the same names, shapes and order.
using System.Collections.Generic;

namespace NetGen.Model;

/// <summary>The block of a network's state (or of a checkpoint) a tensor's values live in.</summary>
internal enum TensorBlock
{
    /// <summary>The network's Parameters: weights and biases, float32.</summary>
    Parameters,

    /// <summary>The network's Buffers: state tensors such as batch normalisation's running statistics, float32.</summary>
    Buffers,

    /// <summary>The network's Counters: int64 scalars such as <c>num_batches_tracked</c>.</summary>
    Counters,

    /// <summary>A checkpoint's optimizer tensors, float32, one after another (run time only).</summary>
    Optimizer,
}

/// <summary>One of a layer's <c>state_dict()</c> tensors: its suffix after the layer's name, its shape, and where it lies.</summary>
/// <param name="Suffix">e.g. <c>weight</c>, <c>bias_hh</c> or <c>num_batches_tracked</c>.</param>
/// <param name="Shape">PyTorch's shape (<c>[]</c> for a counter).</param>
/// <param name="Block">Which block holds its values.</param>
/// <param name="Offset">Index of its first value in <paramref name="Block"/>.</param>
internal sealed record StateDictTensor(string Suffix, int[] Shape, TensorBlock Block, int Offset);

/// <summary>A layer's tensors in PyTorch's <c>state_dict()</c> order, from its kind's descriptor.</summary>
internal static class StateDictLayout
{
    /// <summary>
    /// The layer's parameters as its kind lists them (from <paramref name="parameterOffset"/>), then its buffers (from
    /// <paramref name="bufferOffset"/>), then its counters as int64 scalars (from <paramref name="counterOffset"/>).
    /// Counters that are NetGen's own (dropout's <c>draws</c>) come only with <paramref name="allCounters"/>: PyTorch
    /// has no such tensor, so only checkpoints hold them.
    /// </summary>
    public static IEnumerable<StateDictTensor> Of(LayerKindDescriptor kind, LayerDimensions dimensions, int parameterOffset, int bufferOffset, int counterOffset, bool allCounters)
    {
        int offset = parameterOffset;
        foreach (TensorShape shape in kind.Tensors(dimensions))
        {
            yield return new StateDictTensor(shape.Suffix, shape.Shape, TensorBlock.Parameters, offset);
            offset += (int)shape.Count;
        }
        offset = bufferOffset;
        foreach (TensorShape shape in kind.Buffers(dimensions))
        {
            yield return new StateDictTensor(shape.Suffix, shape.Shape, TensorBlock.Buffers, offset);
            offset += (int)shape.Count;
        }
        if (!kind.CountersInStateDict && !allCounters) yield break;
        string[] counters = kind.Counters;
        for (int i = 0; i < counters.Length; i++) yield return new StateDictTensor(counters[i], [], TensorBlock.Counters, counterOffset + i);
    }
}
