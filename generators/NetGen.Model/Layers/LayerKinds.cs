namespace NetGen.Model;

/// <summary>The registry of layer kinds: adding a kind is one descriptor here (and its emitter in the generator's registry).</summary>
internal static class LayerKinds
{
    /// <summary>Every kind, indexed by its <see cref="LayerKind"/> value.</summary>
    public static readonly LayerKindDescriptor[] All = [
        new InputKind(), new DenseKind(), new ElmanKind(), new LstmKind(), new GruKind(), new Conv1DKind(), new Conv2DKind(),
        new MaxPool1DKind(), new MaxPool2DKind(), new AvgPool1DKind(), new AvgPool2DKind(), new GlobalAvgPoolKind(),
        new BatchNormKind(), new LayerNormKind(), new DropoutKind(),
    ];

    /// <summary>The descriptor of <paramref name="kind"/>.</summary>
    public static LayerKindDescriptor Of(LayerKind kind) => All[(int)kind];

    /// <summary>The descriptor of <paramref name="kind"/>, or null for a value no kind has.</summary>
    public static LayerKindDescriptor? Find(LayerKind kind) => (uint)kind < (uint)All.Length ? All[(int)kind] : null;

    /// <summary>The kind declared by the attribute class <paramref name="metadataName"/> (e.g. "NetGen.DenseAttribute"), or null.</summary>
    public static LayerKindDescriptor? ByAttribute(string? metadataName)
    {
        foreach (LayerKindDescriptor descriptor in All)
            if (metadataName == "NetGen." + descriptor.AttributeName + "Attribute") return descriptor;
        return null;
    }
}
