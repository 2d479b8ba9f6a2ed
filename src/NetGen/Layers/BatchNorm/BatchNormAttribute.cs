namespace NetGen;

/// <summary>
/// Batch normalisation, then <see cref="Activation"/>: each feature (after a dense layer) or channel (after a convolution)
/// standardised over the batch in training and by its running statistics in evaluation, then scaled by γ and shifted by
/// β, as <c>torch.nn.BatchNorm1d</c>/<c>BatchNorm2d</c> (momentum 0.1, eps 1e-5, γ = 1, β = 0 at initialisation). Write
/// the layer before it with <see cref="Activation.Linear"/> for PyTorch's usual linear → batch norm → activation.
/// </summary>
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Declares a batch normalisation followed by <paramref name="activation"/>.</summary>
    public BatchNormAttribute(Activation activation = Activation.Linear) => Activation = activation;

    /// <summary>The activation applied to γ·x̂ + β.</summary>
    public Activation Activation { get; }

    /// <summary><c>nameof(EarlierLayer)</c>: that layer's output is added to this one's (shapes must match).</summary>
    public string? Residual { get; set; }
}
