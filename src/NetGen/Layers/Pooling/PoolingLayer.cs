namespace NetGen;

/// <summary>A pooling layer of a generated network (MaxPool, AvgPool, GlobalAvgPool): no parameters.</summary>
public sealed class PoolingLayer
{
    /// <summary>Used by generated code.</summary>
    public PoolingLayer(LayerInfo info) => Info = info ?? throw new System.ArgumentNullException(nameof(info));

    /// <summary>The layer's description.</summary>
    public LayerInfo Info { get; }

    /// <summary>The sliding window; null for global average pooling.</summary>
    public Window? Window => Info.Window;
}
