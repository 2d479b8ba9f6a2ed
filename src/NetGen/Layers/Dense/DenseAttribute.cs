namespace NetGen;

/// <summary>
/// A fully connected layer, y = act(W·x + b), with W stored <c>[units, inputs]</c> row-major as
/// <c>torch.nn.Linear</c>. With <see cref="Residual"/>, the named earlier layer's output is added to
/// the activated output.
/// </summary>
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Declares a dense layer of <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>The activation applied to W·x + b.</summary>
    public Activation Activation { get; }

    /// <summary><c>nameof(EarlierLayer)</c>: that layer's output is added to this one's (sizes must match).</summary>
    public string? Residual { get; set; }
}
