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
/// <param name="ReturnSequences">Recurrent layers: whether the layers after this one see every step (else only the last).</param>
public sealed record LayerInfo(
    string Name,
    LayerKind Kind,
    Activation Activation,
    int InputSize,
    int OutputSize,
    int ParameterOffset,
    int ParameterCount,
    string? Residual = null,
    bool ReturnSequences = false)
{
    /// <summary>
    /// What the layer reads per sample (per step for a recurrent layer): features <c>[n]</c>, channels × length
    /// <c>[C, L]</c> or channels × height × width <c>[C, H, W]</c>, without the batch axis; <c>[InputSize]</c> unless set.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<int> InputShape { get => _inputShape ?? [InputSize]; init => _inputShape = value; }

    /// <summary>What the layer writes per sample, as <see cref="InputShape"/>; <c>[OutputSize]</c> unless set.</summary>
    public System.Collections.Generic.IReadOnlyList<int> OutputShape { get => _outputShape ?? [OutputSize]; init => _outputShape = value; }

    /// <summary>A convolution's or pooling layer's window (kernel, stride, dilation, padding), else null.</summary>
    public Window? Window { get; init; }

    /// <summary>A dropout layer's probability of zeroing a value in training (init-only; 0 for the other kinds).</summary>
    public double DropoutProbability { get; init; }

    /// <summary>Where the layer's state tensors start in <see cref="INetwork.Buffers"/> (init-only; batch normalisation's running statistics).</summary>
    public int BufferOffset { get; init; }

    /// <summary>Where the layer's counters start in <see cref="INetwork.Counters"/> (init-only; batch normalisation's batches, dropout's draws).</summary>
    public int CounterOffset { get; init; }

    private readonly System.Collections.Generic.IReadOnlyList<int>? _inputShape, _outputShape;

    /// <summary>Rows of the layer's weight matrices: the units, once per gate (four for an LSTM, three for a GRU).</summary>
    public int Rows => Descriptor is { } kind ? (int)kind.Rows(OutputSize) : OutputSize;

    /// <summary>Weights (W for dense layers; W_ih then W_hh for recurrent ones), stored first.</summary>
    public int WeightCount => Descriptor is { } kind ? (int)kind.WeightCount(Dimensions) : 0;

    /// <summary>Biases, stored after the weights (b; or b_ih then b_hh).</summary>
    public int BiasCount => Descriptor is { } kind ? (int)(kind.ParameterCount(Dimensions) - kind.WeightCount(Dimensions)) : 0;

    /// <summary>What the layer's kind is (its tensors, gates, ONNX form); null for a value of <see cref="Kind"/> that names no kind.</summary>
    internal NetGen.Model.LayerKindDescriptor? Descriptor => NetGen.Model.LayerKinds.Find(Kind);

    /// <summary>What the kind's tensors are computed from.</summary>
    internal NetGen.Model.LayerDimensions Dimensions => new([.. InputShape], [.. OutputShape], Window);
}
