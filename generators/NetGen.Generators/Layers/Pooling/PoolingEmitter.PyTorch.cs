using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class PoolingEmitter
{
    /// <summary>
    /// torch.nn.MaxPool1d/2d and AvgPool1d/2d (count_include_pad=True, ceil_mode=False: PyTorch's defaults, NetGen's
    /// rules); global average pooling as AdaptiveAvgPool to one position, flattened to the channels.
    /// </summary>
    public string? PyTorchModule(LayerSpec layer)
    {
        LayerKindDescriptor kind = layer.Descriptor;
        if (!kind.IsPooling)
            return Invariant($"nn.Sequential(nn.AdaptiveAvgPool{layer.InputShape.Dimensions.Count - 1}d(1), nn.Flatten())");
        string type = kind.Reduction == PoolReduction.Maximum ? "MaxPool" : "AvgPool";
        return Invariant($"nn.{type}{kind.WindowRank}d({WindowPyTorchText.Arguments(layer, pooling: true)})");
    }

    public string PyTorchForward(LayerSpec layer, string module, string input) => $"{module}({input})";

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
