namespace NetGen.Model;

/// <summary>One layer: what was declared, and where its parameters live.</summary>
/// <param name="Index">Position in the network, the input being 0.</param>
/// <param name="PropertyName">The partial property that exposes the layer.</param>
/// <param name="PropertyModifiers">The property's accessibility keywords, repeated on the implementation.</param>
/// <param name="PropertyType">The property's declared type, fully qualified (for stubs of invalid networks).</param>
/// <param name="IsImplementable">Whether the property is a partial get-only instance property the generator can implement.</param>
/// <param name="TensorName">Tensor-name prefix (Name argument, else the property name).</param>
/// <param name="Kind">What the layer is.</param>
/// <param name="Activation">Its activation (Linear for the input).</param>
/// <param name="DeclaredInit">The init as written (possibly Auto).</param>
/// <param name="Init">The init actually used (Auto resolved by the activation).</param>
/// <param name="InputSize">Values read per sample.</param>
/// <param name="OutputSize">Values written per sample.</param>
/// <param name="ParameterOffset">First parameter's index in the network's block.</param>
/// <param name="ParameterCount">Number of parameters (weights then biases).</param>
/// <param name="ResidualName">Property named by Residual, or null.</param>
/// <param name="ResidualIndex">Index of that layer, or -1.</param>
internal sealed record LayerSpec(
    int Index,
    string PropertyName,
    string PropertyModifiers,
    string PropertyType,
    bool IsImplementable,
    string TensorName,
    LayerKind Kind,
    ActivationKind Activation,
    InitKind DeclaredInit,
    InitKind Init,
    int InputSize,
    int OutputSize,
    int ParameterOffset,
    int ParameterCount,
    string? ResidualName,
    int ResidualIndex)
{
    public int WeightCount => InputSize * OutputSize;

    public int BiasOffset => ParameterOffset + WeightCount;

    public bool HasResidual => ResidualIndex >= 0;
}
