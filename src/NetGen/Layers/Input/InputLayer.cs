namespace NetGen;

/// <summary>The input of a generated network.</summary>
public sealed class InputLayer
{
    /// <summary>Used by generated code.</summary>
    public InputLayer(LayerInfo info) => Info = info ?? throw new System.ArgumentNullException(nameof(info));

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>Number of input values (per time step for recurrent networks).</summary>
    public int Size => Info.OutputSize;
}
