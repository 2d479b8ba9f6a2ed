namespace NetGen;

/// <summary>
/// A gated recurrent unit layer (Cho et al. 2014) with the semantics and tensors of <c>torch.nn.GRU</c>/<c>GRUCell</c>:
/// gates r, z, n; n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)); h′ = (1 − z) ⊙ n + z ⊙ h;
/// <c>weight_ih [3·units, inputs]</c>, <c>weight_hh [3·units, units]</c>, <c>bias_ih</c>, <c>bias_hh</c>.
/// </summary>
public sealed class GruAttribute : LayerAttribute
{
    /// <summary>Declares a GRU layer of <paramref name="units"/> hidden units.</summary>
    public GruAttribute(int units) => Units = units;

    /// <summary>Hidden units.</summary>
    public int Units { get; }

    /// <summary>When true, the layers after this one see every step's output; otherwise only the last step's.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Initial bias of the update gate z (in <c>bias_ih</c>; default 0). h′ keeps z of the old state, so a positive value
    /// makes the layer remember longer at initialisation: memory τ = −1/ln σ(UpdateBias) steps, as the LSTM's forget bias.
    /// </summary>
    public float UpdateBias { get; set; }

    /// <summary>Initialisation of <c>weight_hh</c> (default <see cref="Init.Auto"/>: orthogonal); <see cref="LayerAttribute.Init"/> sets <c>weight_ih</c>.</summary>
    public Init RecurrentInit { get; set; } = Init.Auto;
}
