using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class LayerNormEmitter
{
    /// <summary>torch.nn.LayerNorm over the sample's whole shape: weight and bias of that shape.</summary>
    public override string? PyTorchModule(LayerSpec layer)
        => layer.InputShape.Dimensions.Count == 1
            ? Invariant($"nn.LayerNorm({layer.InputSize})")
            : Invariant($"nn.LayerNorm([{string.Join(", ", layer.InputShape.Dimensions)}])");
}
