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
    /// <summary>Recurrent layers: the init of W_hh (Auto resolved to orthogonal).</summary>
    public InitKind RecurrentInit { get; init; } = InitKind.Orthogonal;

    /// <summary>Recurrent layers: whether the next layers see every step (else only the last).</summary>
    public bool ReturnSequences { get; init; }

    /// <summary>LSTM: the initial forget-gate bias.</summary>
    public float ForgetBias { get; init; }

    /// <summary>The layer computes once per time step (and keeps every step for backpropagation through time).</summary>
    public bool RunsPerStep { get; init; }

    /// <summary>The layers after this one see one output per time step.</summary>
    public bool OutputsSequence { get; init; }

    public bool IsRecurrentKind => Kind is LayerKind.Recurrent or LayerKind.Lstm;

    /// <summary>Rows of the weight matrices: the units, four times over for an LSTM's gates i, f, g, o.</summary>
    public int Rows => Kind == LayerKind.Lstm ? 4 * OutputSize : OutputSize;

    /// <summary>W (dense) or W_ih (recurrent): [Rows, InputSize].</summary>
    public int InputWeightCount => Rows * InputSize;

    /// <summary>Recurrent layers: W_hh, [Rows, OutputSize], stored after W_ih.</summary>
    public int RecurrentWeightOffset => ParameterOffset + InputWeightCount;

    /// <summary>All weights, stored before the biases.</summary>
    public int WeightCount => IsRecurrentKind ? Rows * (InputSize + OutputSize) : InputWeightCount;

    /// <summary>b (dense) or b_ih then b_hh (recurrent).</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    public bool HasResidual => ResidualIndex >= 0;
}
