using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class DenseEmitter
{
    /// <summary>torch.nn.Linear: <c>weight [out, in]</c>, <c>bias [out]</c>, NetGen's layout.</summary>
    public string? PyTorchModule(LayerSpec layer) => Invariant($"nn.Linear({layer.InputSize}, {layer.OutputSize})");

    /// <summary>After a convolution or pooling layer, flattened in C, H, W order as NetGen reads it; per step, Linear maps the last axis.</summary>
    public string PyTorchForward(LayerSpec layer, string module, string input)
        => layer.InputShape.Dimensions.Count > 1 ? $"{module}({input}.flatten(1))" : $"{module}({input})";

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
