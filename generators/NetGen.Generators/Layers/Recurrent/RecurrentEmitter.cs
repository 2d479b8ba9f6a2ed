using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// The recurrent kinds' emitters (Elman, LSTM, GRU): each writes its own cell; in the PyTorch twin they share PyTorch's
/// cells (<c>nn.RNNCell</c>, <c>LSTMCell</c>, <c>GRUCell</c>), whose <c>state_dict()</c> names are NetGen's
/// (<c>weight_ih</c>, …; <c>nn.LSTM</c>'s would be <c>weight_ih_l0</c>), run over the steps by one helper from the zero state.
/// </summary>
internal abstract class RecurrentEmitter : ILayerEmitter
{
    public const string UnrollHelper =
        "def unroll(cell, x):\n" +
        "    \"\"\"Runs a recurrent cell over x (batch, steps, features) from the zero state: every step's h, (batch, steps, units).\"\"\"\n" +
        "    state, outputs = None, []\n" +
        "    for t in range(x.shape[1]):\n" +
        "        state = cell(x[:, t], state)\n" +
        "        outputs.append(state[0] if isinstance(state, tuple) else state)  # an LSTM's state is (h, c)\n" +
        "    return torch.stack(outputs, 1)";

    public abstract void AddBuffers(LayerSpec layer, List<Buffer> buffers);

    public abstract void EmitInitialisation(SourceWriter writer, LayerSpec layer);

    public abstract void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer);

    public abstract void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer);

    /// <summary>The kind's cell, built for the layer's sizes.</summary>
    public abstract string? PyTorchModule(LayerSpec layer);

    /// <summary>Every step's h when the layers after see every step, else the last step's.</summary>
    public string PyTorchForward(LayerSpec layer, string module, string input)
        => $"unroll({module}, {input})" + (layer.OutputsSequence ? "" : "[:, -1]");

    public virtual IEnumerable<string> PyTorchHelpers(LayerSpec layer) => [UnrollHelper];

    public string? PyTorchCaveat(LayerSpec layer) => null;
}
