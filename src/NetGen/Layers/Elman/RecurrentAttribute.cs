namespace NetGen;

/// <summary>
/// An Elman recurrent layer, h_t = act(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh), with tensors as
/// <c>torch.nn.RNNCell</c>: <c>weight_ih [units, inputs]</c>, <c>weight_hh [units, units]</c>, two biases.
/// </summary>
public sealed class RecurrentAttribute : LayerAttribute
{
    /// <summary>Declares a recurrent layer of <paramref name="units"/> hidden units.</summary>
    public RecurrentAttribute(int units, Activation activation = Activation.Tanh)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Hidden units.</summary>
    public int Units { get; }

    /// <summary>The activation of the recurrence (tanh as PyTorch's default; ReLU is the other option PyTorch offers).</summary>
    public Activation Activation { get; }

    /// <summary>When true, the layers after this one see every step's output; otherwise only the last step's.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Initialisation of <c>weight_hh</c> (default <see cref="Init.Auto"/>: orthogonal); <see cref="LayerAttribute.Init"/> sets <c>weight_ih</c>.</summary>
    public Init RecurrentInit { get; set; } = Init.Auto;
}
