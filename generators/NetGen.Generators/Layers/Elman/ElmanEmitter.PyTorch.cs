using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

internal sealed partial class ElmanEmitter
{
    /// <summary>
    /// torch.nn.RNNCell with the same four tensors: it has tanh and relu only, so any other activation gets
    /// <c>ElmanCell</c>, the same cell with the activation passed in.
    /// </summary>
    private const string ElmanCellHelper =
        "class ElmanCell(nn.Module):\n" +
        "    \"\"\"nn.RNNCell with any activation (RNNCell has tanh and relu only): the same tensors, names and math.\n" +
        "    Its activation is a lambda, which pickle refuses: save the state_dict(), not the module.\"\"\"\n" +
        "\n" +
        "    def __init__(self, input_size, hidden_size, activation):\n" +
        "        super().__init__()\n" +
        "        self.hidden_size, self.activation = hidden_size, activation\n" +
        "        self.weight_ih = nn.Parameter(torch.empty(hidden_size, input_size))\n" +
        "        self.weight_hh = nn.Parameter(torch.empty(hidden_size, hidden_size))\n" +
        "        self.bias_ih = nn.Parameter(torch.empty(hidden_size))\n" +
        "        self.bias_hh = nn.Parameter(torch.empty(hidden_size))\n" +
        "        for tensor in self.parameters():  # RNNCell's initialisation\n" +
        "            nn.init.uniform_(tensor, -hidden_size ** -0.5, hidden_size ** -0.5)\n" +
        "\n" +
        "    def forward(self, x, h=None):\n" +
        "        if h is None:\n" +
        "            h = x.new_zeros(x.shape[0], self.hidden_size)\n" +
        "        return self.activation(F.linear(x, self.weight_ih, self.bias_ih) + F.linear(h, self.weight_hh, self.bias_hh))";

    public override string? PyTorchModule(LayerSpec layer)
    {
        ActivationInfo activation = ActivationCatalog.Of(layer.Activation);
        return activation.PyTorchRnnNonlinearity is { } nonlinearity
            ? Invariant($"nn.RNNCell({layer.InputSize}, {layer.OutputSize}, nonlinearity=\"{nonlinearity}\")")
            : Invariant($"ElmanCell({layer.InputSize}, {layer.OutputSize}, lambda z: {string.Format(activation.PyTorch, "z")})");
    }

    public override IEnumerable<string> PyTorchHelpers(LayerSpec layer)
        => ActivationCatalog.Of(layer.Activation).PyTorchRnnNonlinearity is null ? [UnrollHelper, ElmanCellHelper] : [UnrollHelper];
}
