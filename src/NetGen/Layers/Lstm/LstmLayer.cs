namespace NetGen;

/// <summary>An LSTM layer of a generated network; gates are stacked i, f, g, o as in <c>torch.nn.LSTMCell</c>.</summary>
public sealed class LstmLayer : RecurrentLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public LstmLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters) { }
}
