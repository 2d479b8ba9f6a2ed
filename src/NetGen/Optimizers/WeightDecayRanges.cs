using System;
using System.Collections.Generic;
using NetGen.Model;

namespace NetGen;

/// <summary>
/// Which parameters weight decay applies to, read once from a network's layout: each layer's weight tensors
/// (<see cref="TensorShape.IsWeight"/>) when its kind decays weights (<see cref="LayerKindDescriptor.DecaysWeights"/>),
/// as PyTorch users exclude biases and normalisation parameters with parameter groups.
/// </summary>
internal sealed class WeightDecayRanges
{
    /// <summary>A run of decayed parameters.</summary>
    internal readonly record struct Range(int Start, int Length);

    private WeightDecayRanges(Range[] ranges, int parameterCount)
    {
        Ranges = ranges;
        ParameterCount = parameterCount;
    }

    /// <summary>The decayed runs in increasing order, adjacent runs merged.</summary>
    public Range[] Ranges { get; }

    /// <summary>The parameters the layout covers.</summary>
    public int ParameterCount { get; }

    /// <summary>The decayed runs of <paramref name="layers"/>.</summary>
    /// <exception cref="ArgumentException">The layers are empty or do not lie one after another from parameter 0.</exception>
    public static WeightDecayRanges Of(IReadOnlyList<LayerInfo> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("The layout has no layers.", nameof(layers));
        var ranges = new List<Range>();
        int next = 0;
        foreach (LayerInfo layer in layers)
        {
            if (layer.ParameterOffset != next)
                throw new ArgumentException($"Layer '{layer.Name}' starts at parameter {layer.ParameterOffset}; the layers before it end at {next}.", nameof(layers));
            next += layer.ParameterCount;
            if (layer.Descriptor is not { } kind) continue;
            int offset = layer.ParameterOffset;
            foreach (TensorShape tensor in kind.Tensors(layer.Dimensions))
            {
                if (kind.Decays(tensor)) Add(ranges, offset, (int)tensor.Count);
                offset += (int)tensor.Count;
            }
        }
        return new WeightDecayRanges([.. ranges], next);
    }

    /// <summary>One run over all <paramref name="parameterCount"/> parameters, kept in <paramref name="cache"/>.</summary>
    public static Range[] All(ref Range[] cache, int parameterCount)
    {
        if (cache.Length == 0 || cache[0].Length != parameterCount) cache = [new Range(0, parameterCount)];
        return cache;
    }

    private static void Add(List<Range> ranges, int start, int length)
    {
        if (length == 0) return;
        if (ranges.Count > 0 && ranges[^1] is var last && last.Start + last.Length == start) ranges[^1] = last with { Length = last.Length + length };
        else ranges.Add(new Range(start, length));
    }
}
