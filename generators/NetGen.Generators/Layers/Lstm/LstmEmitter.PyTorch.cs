using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Generators.Layers;

internal sealed partial class LstmEmitter
{
    /// <summary>torch.nn.LSTMCell: gates i, f, g, o, as NetGen stores them.</summary>
    public string? PyTorchModule(LayerSpec layer) => RecurrentPyTorch.Cell("LSTMCell", layer);

    public string PyTorchForward(LayerSpec layer, string module, string input) => RecurrentPyTorch.Forward(layer, module, input);

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [RecurrentPyTorch.UnrollHelper];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
