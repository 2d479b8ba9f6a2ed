using System;
using NetGen.Numerics;

namespace NetGen;

/// <summary>What every layer with parameters shares: its description and checked views into the network's parameter block.</summary>
public abstract class ParameterLayer
{
    private readonly AlignedBlock _parameters;
    private readonly NetGen.Model.TensorShape[] _tensors; // the kind's tensors for this layer's sizes, laid out once

    /// <summary>Checks that <paramref name="info"/> describes a layer of one of <paramref name="kinds"/> that fits <paramref name="parameters"/>.</summary>
    protected ParameterLayer(LayerInfo info, AlignedBlock parameters, params LayerKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Array.IndexOf(kinds, info.Kind) < 0)
            throw new ArgumentException($"Layer '{info.Name}' is {info.Kind}, not {string.Join(" or ", kinds)}.", nameof(info));
        if (info.ParameterOffset < 0 || info.ParameterCount != info.WeightCount + info.BiasCount
            || info.ParameterOffset + info.ParameterCount > parameters.Length)
            throw new ArgumentException($"Layer '{info.Name}' does not fit a parameter block of {Counted.Values(parameters.Length)}.", nameof(info));
        Info = info;
        _parameters = parameters;
        _tensors = info.Descriptor!.Tensors(info.Dimensions);
    }

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>Number of outputs per sample (hidden units for a recurrent layer; filters × positions for a convolution).</summary>
    public int Units => Info.OutputSize;

    /// <summary>Number of inputs per sample (per step for a recurrent layer; channels × positions for a convolution).</summary>
    public int Inputs => Info.InputSize;

    /// <summary>
    /// The values of the layer's tensor <paramref name="suffix"/> (e.g. "weight_hh"), where its kind's descriptor lays it
    /// out; no allocation, so a view read in a loop costs what a slice costs.
    /// </summary>
    protected Span<float> Tensor(string suffix)
    {
        int offset = Info.ParameterOffset;
        foreach (NetGen.Model.TensorShape tensor in _tensors)
        {
            if (tensor.Suffix == suffix) return _parameters.Span.Slice(offset, (int)tensor.Count);
            offset += (int)tensor.Count;
        }
        throw new ArgumentException($"A {Info.Kind} layer has no tensor '{suffix}'.", nameof(suffix));
    }
}
