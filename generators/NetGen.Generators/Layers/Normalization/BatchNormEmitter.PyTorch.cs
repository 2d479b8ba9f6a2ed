using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class BatchNormEmitter
{
    /// <summary>BatchNorm1d over features or channels × length, BatchNorm2d over channels × height × width: weight, bias, running_mean, running_var, num_batches_tracked.</summary>
    public override string? PyTorchModule(LayerSpec layer)
        => Invariant($"nn.BatchNorm{(layer.InputShape.Dimensions.Count == 3 ? 2 : 1)}d({layer.InputShape.Dimensions[0]})");
}
