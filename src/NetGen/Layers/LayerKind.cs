namespace NetGen;

/// <summary>What a layer is.</summary>
public enum LayerKind
{
    /// <summary>The input vector.</summary>
    Input = 0,
    /// <summary>A fully connected layer.</summary>
    Dense = 1,
    /// <summary>An Elman recurrent layer.</summary>
    Recurrent = 2,
    /// <summary>A long short-term memory layer.</summary>
    Lstm = 3,
}
