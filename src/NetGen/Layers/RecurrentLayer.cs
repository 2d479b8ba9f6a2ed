using System;

namespace NetGen;

/// <summary>
/// A recurrent layer of a generated network (Elman or LSTM): views over its slice of the parameters, in
/// PyTorch's order weight_ih, weight_hh, bias_ih, bias_hh. Rows are gates × units (1 gate for Elman, 4 for LSTM).
/// </summary>
public class RecurrentLayer : ParameterLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public RecurrentLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters, LayerKind.Recurrent, LayerKind.Lstm) { }

    /// <summary>Rows of each weight matrix: units for Elman, 4·units for LSTM.</summary>
    public int Rows => Info.Rows;

    /// <summary>W_ih, <c>[Rows, Inputs]</c> row-major.</summary>
    public Span<float> WeightIh => Slice(0, Rows * Inputs);

    /// <summary>W_hh, <c>[Rows, Units]</c> row-major.</summary>
    public Span<float> WeightHh => Slice(Rows * Inputs, Rows * Units);

    /// <summary>b_ih, <c>[Rows]</c>.</summary>
    public Span<float> BiasIh => Slice(Rows * (Inputs + Units), Rows);

    /// <summary>b_hh, <c>[Rows]</c>.</summary>
    public Span<float> BiasHh => Slice(Rows * (Inputs + Units + 1), Rows);
}
