namespace NetGen;

/// <summary>Describes one layer of a generated network.</summary>
/// <param name="Name">Tensor-name prefix (the property name unless <c>Name</c> was set).</param>
/// <param name="Kind">What the layer is.</param>
/// <param name="Activation">Its activation (<see cref="Activation.Linear"/> for the input).</param>
/// <param name="InputSize">Values the layer reads per sample (per step for recurrent layers).</param>
/// <param name="OutputSize">Values the layer writes per sample.</param>
/// <param name="ParameterOffset">Where the layer's parameters start in <see cref="INetwork.Parameters"/>.</param>
/// <param name="ParameterCount">How many parameters the layer has.</param>
/// <param name="Residual">Name of the layer whose output is added to this one's, or null.</param>
public sealed record LayerInfo(
    string Name,
    LayerKind Kind,
    Activation Activation,
    int InputSize,
    int OutputSize,
    int ParameterOffset,
    int ParameterCount,
    string? Residual = null);
