using System;

namespace NetGen;

/// <summary>
/// A recurrent layer of a generated network (Elman, LSTM or GRU): views over its slice of the parameters, in
/// PyTorch's order weight_ih, weight_hh, bias_ih, bias_hh. Rows are gates × units (1 gate for Elman, 4 for LSTM, 3 for GRU).
/// </summary>
public class RecurrentLayer : ParameterLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public RecurrentLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters, s_recurrentKinds) { }

    private static readonly LayerKind[] s_recurrentKinds = System.Array.ConvertAll(System.Array.FindAll(NetGen.Model.LayerKinds.All, kind => kind.IsRecurrent), kind => kind.Kind);

    /// <summary>Rows of each weight matrix: units for Elman, 4·units for LSTM, 3·units for GRU.</summary>
    public int Rows => Info.Rows;

    /// <summary>W_ih, <c>[Rows, Inputs]</c> row-major.</summary>
    public Span<float> WeightIh => Tensor("weight_ih");

    /// <summary>W_hh, <c>[Rows, Units]</c> row-major.</summary>
    public Span<float> WeightHh => Tensor("weight_hh");

    /// <summary>b_ih, <c>[Rows]</c>.</summary>
    public Span<float> BiasIh => Tensor("bias_ih");

    /// <summary>b_hh, <c>[Rows]</c>.</summary>
    public Span<float> BiasHh => Tensor("bias_hh");
}
