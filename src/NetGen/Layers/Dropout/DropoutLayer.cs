namespace NetGen;

/// <summary>A dropout layer of a generated network: no parameters.</summary>
public sealed class DropoutLayer
{
    /// <summary>Used by generated code.</summary>
    public DropoutLayer(LayerInfo info) => Info = info ?? throw new System.ArgumentNullException(nameof(info));

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>The probability of zeroing a value in training.</summary>
    public double Probability => Info.DropoutProbability;
}
