using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>What every layer with parameters shares: its description and checked views into the network's parameter block.</summary>
public abstract class ParameterLayer
{
    private readonly AlignedBlock _parameters;

    /// <summary>Checks that <paramref name="info"/> describes a layer of one of <paramref name="kinds"/> that fits <paramref name="parameters"/>.</summary>
    protected ParameterLayer(LayerInfo info, AlignedBlock parameters, params LayerKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Array.IndexOf(kinds, info.Kind) < 0)
            throw new ArgumentException($"Layer '{info.Name}' is {info.Kind}, not {string.Join(" or ", kinds)}.", nameof(info));
        if (info.ParameterOffset < 0 || info.ParameterCount != info.WeightCount + info.BiasCount
            || info.ParameterOffset + info.ParameterCount > parameters.Length)
            throw new ArgumentException($"Layer '{info.Name}' does not fit a parameter block of {parameters.Length} values.", nameof(info));
        Info = info;
        _parameters = parameters;
    }

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>Number of outputs (hidden units for a recurrent layer).</summary>
    public int Units => Info.OutputSize;

    /// <summary>Number of inputs (per step for a recurrent layer).</summary>
    public int Inputs => Info.InputSize;

    /// <summary><paramref name="count"/> parameters starting <paramref name="offset"/> values into the layer's slice.</summary>
    protected Span<float> Slice(int offset, int count) => _parameters.Span.Slice(Info.ParameterOffset + offset, count);
}
