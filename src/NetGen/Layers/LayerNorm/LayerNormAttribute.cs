namespace NetGen;

/// <summary>
/// Layer normalisation, then <see cref="Activation"/>: each sample standardised over all its values, then scaled and
/// shifted element by element, as <c>torch.nn.LayerNorm(shape)</c> over the sample's whole shape (eps 1e-5, weight 1,
/// bias 0 at initialisation). The same in training and evaluation.
/// </summary>
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Declares a layer normalisation followed by <paramref name="activation"/>.</summary>
    public LayerNormAttribute(Activation activation = Activation.Linear) => Activation = activation;

    /// <summary>The activation applied to γ ⊙ x̂ + β.</summary>
    public Activation Activation { get; }

    /// <summary><c>nameof(EarlierLayer)</c>: that layer's output is added to this one's (shapes must match).</summary>
    public string? Residual { get; set; }
}
