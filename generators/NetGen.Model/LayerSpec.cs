using System.Linq;

namespace NetGen.Model;

/// <summary>One layer: what was declared, its shapes, and where its parameters live.</summary>
/// <param name="Index">Position in the network, the input being 0.</param>
/// <param name="PropertyName">The partial property that exposes the layer.</param>
/// <param name="PropertyModifiers">The property's accessibility keywords, repeated on the implementation.</param>
/// <param name="PropertyType">The property's declared type, fully qualified (for stubs of invalid networks).</param>
/// <param name="IsImplementable">Whether the property is a partial get-only instance property the generator can implement.</param>
/// <param name="TensorName">Tensor-name prefix (Name argument, else the property name).</param>
/// <param name="Kind">What the layer is; <see cref="Descriptor"/> says everything about the kind.</param>
/// <param name="Activation">Its activation (Linear for the input).</param>
/// <param name="DeclaredInit">The init as written (possibly Auto).</param>
/// <param name="Init">The init actually used (Auto resolved by the activation).</param>
/// <param name="InputShape">What it reads per sample (the input layer reads nothing: size 0, with steps when the network is recurrent).</param>
/// <param name="OutputShape">What it writes per sample.</param>
/// <param name="ParameterOffset">First parameter's index in the network's block.</param>
/// <param name="ParameterCount">Number of parameters (its tensors, in the descriptor's order).</param>
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
    Activation Activation,
    Init DeclaredInit,
    Init Init,
    Shape InputShape,
    Shape OutputShape,
    int ParameterOffset,
    int ParameterCount,
    string? ResidualName,
    int ResidualIndex)
{
    /// <summary>Recurrent layers: the init of W_hh (Auto resolved to orthogonal).</summary>
    public Init RecurrentInit { get; init; } = Init.Orthogonal;

    /// <summary>Recurrent layers: whether the next layers see every step (else only the last).</summary>
    public bool ReturnSequences { get; init; }

    /// <summary>Kinds with a memory gate (LSTM, GRU): that gate's initial bias, from the attribute's <see cref="LayerKindDescriptor.MemoryBiasProperty"/>.</summary>
    public float MemoryBias { get; init; }

    /// <summary>Convolution and pooling layers: the sliding window (kernel, stride, dilation, padding per side), else null.</summary>
    public Window? Window { get; init; }

    /// <summary>Dropout layers: the probability p of zeroing a value in training.</summary>
    public double DropoutProbability { get; init; }

    /// <summary>First value of its state tensors (<see cref="LayerKindDescriptor.Buffers"/>) in the network's Buffers block.</summary>
    public int BufferOffset { get; init; }

    /// <summary>Its first counter (<see cref="LayerKindDescriptor.Counters"/>) in the network's Counters block.</summary>
    public int CounterOffset { get; init; }

    /// <summary>Values of its state tensors.</summary>
    public int BufferCount => (int)Descriptor.BufferCount(Dimensions);

    /// <summary>Where state tensor <paramref name="suffix"/> (e.g. "running_var") starts in the network's Buffers block.</summary>
    public int BufferTensorOffset(string suffix) => BufferOffset + (int)Descriptor.BufferOffset(Dimensions, suffix);

    /// <summary>Channels (the first dimension) of its output: features for a dense layer.</summary>
    public int Channels => OutputShape.Dimensions[0];

    /// <summary>Positions per channel of its output: 1 for features.</summary>
    public int Positions => Dimensions.OutPositions;

    public LayerKindDescriptor Descriptor => LayerKinds.Of(Kind);

    /// <summary>What the kind's tensors are computed from: the per-sample shapes and the window.</summary>
    public LayerDimensions Dimensions => new(InputShape.Dimensions.ToArray(), OutputShape.Dimensions.ToArray(), Window);

    /// <summary>How its outputs read its input: the weights' fans, the mean-field estimate's maps.</summary>
    public Connectivity Connections => Descriptor.Connections(Dimensions);

    /// <summary>Values read per sample (per step for a layer that runs per step).</summary>
    public int InputSize => InputShape.Size;

    /// <summary>Values written per sample (per step when the output has steps).</summary>
    public int OutputSize => OutputShape.Size;

    /// <summary>The layer computes once per time step (and keeps every step for backpropagation through time).</summary>
    public bool RunsPerStep => InputShape.HasSteps;

    /// <summary>The layers after this one see one output per time step.</summary>
    public bool OutputsSequence => OutputShape.HasSteps;

    public bool IsRecurrentKind => Descriptor.IsRecurrent;

    /// <summary>Rows of the weight matrices: the units, once per gate.</summary>
    public int Rows => Descriptor.Gates * OutputSize;

    /// <summary>Where tensor <paramref name="suffix"/> (e.g. "weight_hh") starts in the network's parameter block.</summary>
    public int TensorOffset(string suffix) => ParameterOffset + (int)Descriptor.TensorOffset(Dimensions, suffix);

    /// <summary>W (dense) or W_ih (recurrent): [Rows, InputSize].</summary>
    public int InputWeightCount => Rows * InputSize;

    /// <summary>Recurrent layers: W_hh, [Rows, OutputSize], stored after W_ih.</summary>
    public int RecurrentWeightOffset => TensorOffset("weight_hh");

    /// <summary>All weights, stored before the biases.</summary>
    public int WeightCount => (int)Descriptor.WeightCount(Dimensions);

    /// <summary>b (dense) or b_ih then b_hh (recurrent).</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    public bool HasResidual => ResidualIndex >= 0;
}
