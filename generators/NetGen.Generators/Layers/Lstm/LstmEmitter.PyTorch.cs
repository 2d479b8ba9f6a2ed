using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class LstmEmitter
{
    /// <summary>torch.nn.LSTMCell: gates i, f, g, o, as NetGen stores them.</summary>
    public override string? PyTorchModule(LayerSpec layer) => Invariant($"nn.LSTMCell({layer.InputSize}, {layer.OutputSize})");
}
