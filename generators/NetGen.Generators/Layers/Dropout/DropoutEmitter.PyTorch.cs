using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Generators.Layers;

internal sealed partial class DropoutEmitter
{
    /// <summary>torch.nn.Dropout(p): inverted dropout in training (model.train()), the identity in evaluation.</summary>
    public string? PyTorchModule(LayerSpec layer) => "nn.Dropout(" + layer.DropoutProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")";

    public string PyTorchForward(LayerSpec layer, string module, string input) => $"{module}({input})";

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer)
        => "training draws PyTorch's own masks (NetGen's come from its seed and the layer's draws counter): the same rate, other values";
}
