using System.Collections.Generic;
using NetGen.Model;

namespace NetGen.Generators.Layers;

/// <summary>
/// How one layer kind writes itself into the network's PyTorch twin (<c>PyTorchSource</c>): the <c>torch.nn</c> module
/// that holds its tensors, registered under the layer's tensor name so that <c>state_dict()</c>'s keys are NetGen's
/// tensor names, and its step in <c>forward</c>. Every kind has one (<see cref="ILayerEmitter"/> extends this), in a
/// <c>*.PyTorch.cs</c> file of its folder.
/// </summary>
internal interface IPyTorchLayerEmitter
{
    /// <summary>The module built in <c>__init__</c> (e.g. <c>nn.Linear(64, 128)</c>), or null for a kind with none (the input).</summary>
    string? PyTorchModule(LayerSpec layer);

    /// <summary>
    /// The expression in <c>forward</c> from <paramref name="input"/> (the previous layer's output: batch first, then the
    /// steps of a sequence, then the layer's <c>InputShape</c>) to the layer's pre-activation z, calling
    /// <paramref name="module"/>; the twin applies the activation and the residual after it. A recurrent kind's expression
    /// is its output: its activation is inside its cell.
    /// </summary>
    string PyTorchForward(LayerSpec layer, string module, string input);

    /// <summary>Module-level Python definitions the layer's module or expression use (e.g. recurrent kinds' <c>unroll</c>), each written once.</summary>
    IEnumerable<string> PyTorchHelpers(LayerSpec layer);

    /// <summary>What the twin cannot reproduce of this layer, for a comment above its step in <c>forward</c>; null when it computes exactly what NetGen does.</summary>
    string? PyTorchCaveat(LayerSpec layer);
}
