using System;

namespace NetGen;

/// <summary>
/// A recurrent layer of a generated network (Elman or LSTM): views over its slice of the parameters, in
/// PyTorch's order weight_ih, weight_hh, bias_ih, bias_hh. Rows are gates × units (1 gate for Elman, 4 for LSTM).
/// </summary>
public class RecurrentLayer
{
    private readonly float[] _parameters;

    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public RecurrentLayer(LayerInfo info, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(parameters);
        if (info.Kind is not (LayerKind.Recurrent or LayerKind.Lstm))
            throw new ArgumentException($"Layer '{info.Name}' is {info.Kind}, not a recurrent layer.", nameof(info));
        if (info.ParameterOffset < 0 || info.ParameterCount != info.WeightCount + info.BiasCount
            || info.ParameterOffset + info.ParameterCount > parameters.Length)
            throw new ArgumentException($"Layer '{info.Name}' does not fit a parameter block of {parameters.Length} values.", nameof(info));
        Info = info;
        _parameters = parameters;
    }

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>Hidden units.</summary>
    public int Units => Info.OutputSize;

    /// <summary>Inputs per step.</summary>
    public int Inputs => Info.InputSize;

    /// <summary>Rows of each weight matrix: units for Elman, 4·units for LSTM.</summary>
    public int Rows => Info.Kind == LayerKind.Lstm ? 4 * Units : Units;

    /// <summary>W_ih, <c>[Rows, Inputs]</c> row-major.</summary>
    public Span<float> WeightIh => _parameters.AsSpan(Info.ParameterOffset, Rows * Inputs);

    /// <summary>W_hh, <c>[Rows, Units]</c> row-major.</summary>
    public Span<float> WeightHh => _parameters.AsSpan(Info.ParameterOffset + Rows * Inputs, Rows * Units);

    /// <summary>b_ih, <c>[Rows]</c>.</summary>
    public Span<float> BiasIh => _parameters.AsSpan(Info.ParameterOffset + Rows * (Inputs + Units), Rows);

    /// <summary>b_hh, <c>[Rows]</c>.</summary>
    public Span<float> BiasHh => _parameters.AsSpan(Info.ParameterOffset + Rows * (Inputs + Units + 1), Rows);
}
