using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class InputEmitter
{
    public string? PyTorchModule(LayerSpec layer) => null;

    /// <summary>Batch first, then a sequence's steps (however many the values hold), then the declared shape: a flat row per sample reads as NetGen reads it.</summary>
    public string PyTorchForward(LayerSpec layer, string module, string input)
        => layer.OutputShape.HasSteps
            ? Invariant($"{input}.reshape({input}.shape[0], -1, {layer.OutputSize})")
            : Invariant($"{input}.reshape({input}.shape[0], {string.Join(", ", layer.OutputShape.Dimensions)})");

    public IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
