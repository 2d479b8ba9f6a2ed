using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

/// <summary>
/// What the recurrent kinds' PyTorch forms share: PyTorch's cells (<c>nn.RNNCell</c>, <c>LSTMCell</c>, <c>GRUCell</c>),
/// whose <c>state_dict()</c> names are NetGen's (<c>weight_ih</c>, …; <c>nn.LSTM</c>'s would be <c>weight_ih_l0</c>),
/// run over the steps by one helper from the zero state.
/// </summary>
internal static class RecurrentPyTorch
{
    public const string UnrollHelper =
        "def unroll(cell, x):\n" +
        "    \"\"\"Runs a recurrent cell over x (batch, steps, features) from the zero state: every step's h, (batch, steps, units).\"\"\"\n" +
        "    state, outputs = None, []\n" +
        "    for t in range(x.shape[1]):\n" +
        "        state = cell(x[:, t], state)\n" +
        "        outputs.append(state[0] if isinstance(state, tuple) else state)  # an LSTM's state is (h, c)\n" +
        "    return torch.stack(outputs, 1)";

    /// <summary>A cell of <paramref name="type"/> (e.g. "LSTMCell") for the layer's sizes.</summary>
    public static string Cell(string type, LayerSpec layer) => Invariant($"nn.{type}({layer.InputSize}, {layer.OutputSize})");

    /// <summary>Every step's h when the layers after see every step, else the last step's.</summary>
    public static string Forward(LayerSpec layer, string module, string input)
        => $"unroll({module}, {input})" + (layer.OutputsSequence ? "" : "[:, -1]");
}
