namespace NetGen;

/// <summary>
/// A long short-term memory layer (Hochreiter &amp; Schmidhuber 1997) with tensors as <c>torch.nn.LSTMCell</c>:
/// gates in the order i, f, g, o; <c>weight_ih [4·units, inputs]</c>, <c>weight_hh [4·units, units]</c>, two biases.
/// </summary>
public sealed class LstmAttribute : LayerAttribute
{
    /// <summary>Declares an LSTM layer of <paramref name="units"/> hidden units.</summary>
    public LstmAttribute(int units) => Units = units;

    /// <summary>Hidden units (and memory cells).</summary>
    public int Units { get; }

    /// <summary>When true, the layers after this one see every step's output; otherwise only the last step's.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Initial bias of the forget gate (in <c>bias_ih</c>; default 0, as PyTorch). A positive value makes the
    /// cell remember longer at initialisation: memory τ = −1/ln σ(ForgetBias) steps.
    /// </summary>
    public float ForgetBias { get; set; }

    /// <summary>Initialisation of <c>weight_hh</c> (default <see cref="Init.Auto"/>: orthogonal); <see cref="LayerAttribute.Init"/> sets <c>weight_ih</c>.</summary>
    public Init RecurrentInit { get; set; } = Init.Auto;
}
