using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Generators.Layers;

/// <summary>Both normalisations are one torch.nn module (with PyTorch's eps 1e-5, and momentum 0.1 for batch statistics), the activation after it.</summary>
internal abstract partial class NormalizationEmitter
{
    public abstract string? PyTorchModule(LayerSpec layer);

    public string PyTorchForward(LayerSpec layer, string module, string input) => $"{module}({input})";

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
