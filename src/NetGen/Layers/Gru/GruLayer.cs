namespace NetGen;

/// <summary>A GRU layer of a generated network; gates are stacked r, z, n as in <c>torch.nn.GRUCell</c>.</summary>
public sealed class GruLayer : RecurrentLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public GruLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters) { }
}
