using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Generators.Layers;

internal sealed partial class GruEmitter
{
    /// <summary>torch.nn.GRUCell: gates r, z, n, the reset gate multiplying W_hn·h + b_hn, as NetGen computes it.</summary>
    public string? PyTorchModule(LayerSpec layer) => RecurrentPyTorch.Cell("GRUCell", layer);

    public string PyTorchForward(LayerSpec layer, string module, string input) => RecurrentPyTorch.Forward(layer, module, input);

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [RecurrentPyTorch.UnrollHelper];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
