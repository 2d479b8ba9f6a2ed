using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class ConvEmitter
{
    /// <summary>torch.nn.Conv1d / Conv2d: <c>weight [filters, in channels, kernel…]</c>, <c>bias [filters]</c>, NetGen's layout.</summary>
    public string? PyTorchModule(LayerSpec layer)
        => Invariant($"nn.Conv{layer.Descriptor.WindowRank}d({layer.InputShape.Dimensions[0]}, {layer.Channels}, {WindowPyTorchText.Arguments(layer, pooling: false)})");

    public string PyTorchForward(LayerSpec layer, string module, string input) => $"{module}({WindowPyTorchText.PaddedInput(layer, input)})";

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
