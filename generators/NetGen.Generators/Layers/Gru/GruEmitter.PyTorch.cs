using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class GruEmitter
{
    /// <summary>torch.nn.GRUCell: gates r, z, n, the reset gate multiplying W_hn·h + b_hn, as NetGen computes it.</summary>
    public override string? PyTorchModule(LayerSpec layer) => Invariant($"nn.GRUCell({layer.InputSize}, {layer.OutputSize})");
}
