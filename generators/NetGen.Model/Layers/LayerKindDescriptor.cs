// Shared source: compiled into the generator and the analyzer (the model) and into the runtime, whose LayerInfo,
// layer views, safetensors names and ONNX export read the same descriptors.
namespace NetGen.Model;

/// <summary>One parameter tensor of a layer kind: its name after the layer's prefix, as PyTorch's <c>state_dict()</c> has it, and its shape.</summary>
/// <param name="Suffix">e.g. <c>weight</c> or <c>bias_hh</c>.</param>
/// <param name="Shape">PyTorch's shape, e.g. <c>[out, in]</c>.</param>
internal readonly record struct TensorShape(string Suffix, int[] Shape)
{
    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long Count
    {
        get
        {
            long count = 1;
            foreach (int dimension in Shape) count *= dimension;
            return count;
        }
    }

    /// <summary>A weight (multiplied) rather than a bias (added).</summary>
    public bool IsWeight => Suffix.StartsWith("weight", System.StringComparison.Ordinal);
}

/// <summary>
/// Everything that makes a layer kind what it is, in one place: the attribute that declares it, the view type of its
/// property, its parameter tensors (PyTorch's names, shapes and order, from which every offset is computed), its
/// default activation, whether it runs once per time step with a state, and what ONNX calls it. The generator's
/// emitter for the kind lives in the paired folder <c>generators/NetGen.Generators/Layers/{Kind}/</c>.
/// </summary>
internal abstract class LayerKindDescriptor
{
    /// <summary>The enum member.</summary>
    public abstract LayerKind Kind { get; }

    /// <summary>The attribute's class name without "Attribute", in namespace NetGen (e.g. "Dense").</summary>
    public abstract string AttributeName { get; }

    /// <summary>The type the layer's property must have, in namespace NetGen (e.g. "DenseLayer").</summary>
    public abstract string ViewType { get; }

    /// <summary>The attribute has an activation argument, at position <see cref="ActivationArgument"/>.</summary>
    public virtual bool HasActivationArgument => false;

    /// <summary>Where the activation is among the attribute's positional arguments: after the units (1), after a convolution's kernel (2).</summary>
    public virtual int ActivationArgument => 1;

    /// <summary>The activation when none is written (the recurrent kinds' output counts as tanh).</summary>
    public virtual Activation DefaultActivation => Activation.Linear;

    /// <summary>Runs once per time step with a hidden state carried from step to step (Elman, LSTM, GRU).</summary>
    public virtual bool IsRecurrent => false;

    /// <summary>Blocks of rows in the weight matrices: 1, or one per gate.</summary>
    public virtual int Gates => 1;

    /// <summary>The gates' names in storage order, e.g. "i, f, g, o" (empty for a kind without gates).</summary>
    public virtual string GateNames => "";

    /// <summary>
    /// The gate whose bias (its block of <c>bias_ih</c>) sets how long the state is kept at initialisation, or −1:
    /// the LSTM's forget gate, the GRU's update gate. The attribute property <see cref="MemoryBiasProperty"/> sets it.
    /// </summary>
    public virtual int MemoryGate => -1;

    /// <summary>The attribute property that sets <see cref="MemoryGate"/>'s initial bias (e.g. "ForgetBias").</summary>
    public virtual string? MemoryBiasProperty => null;

    /// <summary>The parameter tensors of a layer of these dimensions, in storage order.</summary>
    public abstract TensorShape[] Tensors(LayerDimensions dimensions);

    /// <summary>Spatial axes of the kind's sliding window: 0 (none), 1 (Conv1D, pooling over a length) or 2.</summary>
    public virtual int WindowRank => 0;

    /// <summary>A pooling kind: the attribute's first argument is the window, there are no parameters and the channels pass through.</summary>
    public virtual bool IsPooling => false;

    /// <summary>Dimensions the input must have (features 1, channels × length 2, channels × height × width 3), or 0 for any (a dense layer flattens).</summary>
    public virtual int InputRank => 0;

    /// <summary>The kind has parameter tensors, so its view reads the parameter block (not the input, not pooling).</summary>
    public virtual bool HasParameters => true;

    /// <summary>The kind keeps z, its pre-activation (pooling writes its output directly).</summary>
    public virtual bool HasPreActivation => true;

    /// <summary>
    /// How each output reads the input (per time step for a recurrent kind's W_ih): by default densely, every value of the
    /// flattened input; a window kind reads a window of positions. The weights' fans come from it.
    /// </summary>
    public virtual Connectivity Connections(LayerDimensions dimensions) => Connectivity.Dense(dimensions.Inputs, dimensions.Units);

    /// <summary>What a kind without weights makes of its window: nothing (a kind with weights), the mean, or the maximum.</summary>
    public virtual PoolReduction Reduction => PoolReduction.None;

    /// <summary>
    /// The per-sample output dimensions for an input of <paramref name="input"/>: <paramref name="units"/> features, or
    /// for a window kind the channels followed by each axis's output length (≤ 0 when the window does not fit).
    /// </summary>
    public virtual int[] OutputDimensions(int[] input, int units, Window? window) => [units];

    /// <summary>
    /// Reads channels × positions (<c>[C, L]</c> or <c>[C, H, W]</c>): the window kinds, and global pooling, which takes
    /// either.
    /// </summary>
    public virtual bool ReadsChannels => WindowRank > 0;

    /// <summary>The window's taps may be spaced apart (a convolution's <c>Dilation</c>); a pooling window's never are.</summary>
    public virtual bool HasDilation => false;

    /// <summary>
    /// The ONNX operator of a recurrent kind (RNN, LSTM, GRU), of a kind that reads channels (Conv, MaxPool,
    /// AveragePool, GlobalAveragePool) or of a normalisation (BatchNormalization, LayerNormalization): one node whose
    /// inputs are the layer's input, its parameter tensors and its buffers, in the descriptor's order. Null for a dense
    /// layer, which is MatMul and Add, and for a kind that is the identity in evaluation (dropout), which has no node.
    /// </summary>
    public virtual string? OnnxOperator => null;

    /// <summary>For each of ONNX's gate blocks, the PyTorch block it is taken from.</summary>
    public virtual int[] OnnxGateOrder => [0];

    /// <summary>Integer attributes the ONNX node needs for PyTorch's semantics (the GRU's linear_before_reset, average pooling's count_include_pad, layer normalisation's axis).</summary>
    public virtual (string Name, long Value)[] OnnxIntAttributes => [];

    /// <summary>Float attributes the ONNX node needs for PyTorch's semantics (the normalisations' epsilon).</summary>
    public virtual (string Name, float Value)[] OnnxFloatAttributes => [];

    /// <summary>Computes the identity in evaluation (dropout): <c>Forward</c> and the ONNX export pass the input on unchanged.</summary>
    public virtual bool IsIdentityInEvaluation => false;

    /// <summary>
    /// What the kind becomes in the packed inference form (<c>InferencePlan</c>): nothing yet (the network then gets
    /// no <c>Inference</c> class), the input, a packed affine map, a per-feature scale and shift, or the identity.
    /// </summary>
    public virtual InferenceRole InferenceRole => IsIdentityInEvaluation ? InferenceRole.Identity : InferenceRole.None;

    /// <summary>
    /// The output has the input's shape and the attribute declares no units (normalisation, dropout): the first
    /// positional argument, if any, is the activation or the rate.
    /// </summary>
    public virtual bool KeepsShape => false;

    /// <summary>
    /// Computes differently in training (TrainStep, TrainBatch) than in evaluation (Forward): batch statistics, dropout.
    /// A network with such a layer trains through its batch path, so that training mode is the batch's and never a flag.
    /// </summary>
    public virtual bool HasTrainingMode => false;

    /// <summary>Normalises each channel over the batch in training, so it needs more than one value per channel there (batch normalisation).</summary>
    public virtual bool UsesBatchStatistics => false;

    /// <summary>May run once per time step in a network with recurrent layers (dense and recurrent kinds, not window or normalisation kinds).</summary>
    public virtual bool RunsOnSequences => !ReadsChannels;

    /// <summary>
    /// State tensors kept beside the parameters in the network's <c>Buffers</c> block: saved and loaded, never trained,
    /// not in <c>Gradients</c> (batch normalisation's <c>running_mean</c> and <c>running_var</c>).
    /// </summary>
    public virtual TensorShape[] Buffers(LayerDimensions dimensions) => [];

    /// <summary>Integer state in the network's <c>Counters</c> (batch normalisation's <c>num_batches_tracked</c>, dropout's draws).</summary>
    public virtual string[] Counters => [];

    /// <summary>The counters are PyTorch <c>state_dict()</c> entries (int64 scalars), not NetGen's own state (saved by checkpoints only).</summary>
    public virtual bool CountersInStateDict => false;

    /// <summary>
    /// Weight decay applies to the kind's weights (tensors named weight…) unless asked otherwise: false for the
    /// normalisation kinds, whose weight is a per-feature scale γ (biases never decay by default).
    /// </summary>
    public virtual bool DecaysWeights => true;

    /// <summary>Weight decay applies to <paramref name="tensor"/> of this kind unless every parameter is asked to decay.</summary>
    public bool Decays(TensorShape tensor) => DecaysWeights && tensor.IsWeight;

    /// <summary>
    /// Standardises its input (zero mean, unit variance) before γ, β and the activation: over the batch (batch
    /// normalisation, <see cref="UsesBatchStatistics"/>) or over the sample (layer normalisation). The mean-field estimate
    /// takes its pre-activation as standardised and its backward gain from the normalisation's Jacobian (NormalizationFlow).
    /// </summary>
    public virtual bool Standardizes => false;

    /// <summary>Zeroes values at random in training and scales the rest by 1/(1 − p) (dropout, p from the layer's DropoutProbability).</summary>
    public virtual bool DropsValues => false;

    /// <summary>Rows of each weight matrix for <paramref name="units"/> units.</summary>
    public long Rows(int units) => (long)Gates * units;

    /// <summary>All parameters of a layer of this kind.</summary>
    public long ParameterCount(LayerDimensions dimensions)
    {
        long count = 0;
        foreach (TensorShape tensor in Tensors(dimensions)) count += tensor.Count;
        return count;
    }

    /// <summary>The weights, stored before the biases.</summary>
    public long WeightCount(LayerDimensions dimensions)
    {
        long count = 0;
        foreach (TensorShape tensor in Tensors(dimensions)) if (tensor.IsWeight) count += tensor.Count;
        return count;
    }

    /// <summary>Values of the layer's state tensors (<see cref="Buffers"/>).</summary>
    public long BufferCount(LayerDimensions dimensions)
    {
        long count = 0;
        foreach (TensorShape tensor in Buffers(dimensions)) count += tensor.Count;
        return count;
    }

    /// <summary>Where tensor <paramref name="suffix"/> starts within the layer's parameters.</summary>
    public long TensorOffset(LayerDimensions dimensions, string suffix) => OffsetOf(Tensors(dimensions), suffix);

    /// <summary>Where state tensor <paramref name="suffix"/> starts within the layer's part of the Buffers block.</summary>
    public long BufferOffset(LayerDimensions dimensions, string suffix) => OffsetOf(Buffers(dimensions), suffix);

    private long OffsetOf(TensorShape[] tensors, string suffix)
    {
        long offset = 0;
        foreach (TensorShape tensor in tensors)
        {
            if (tensor.Suffix == suffix) return offset;
            offset += tensor.Count;
        }
        throw new System.ArgumentException($"A {Kind} layer has no tensor '{suffix}'.", nameof(suffix));
    }
}

/// <summary>How a pooling kind reduces its window.</summary>
internal enum PoolReduction
{
    /// <summary>Not a pooling kind.</summary>
    None,

    /// <summary>The mean (padding counted as zeros).</summary>
    Average,

    /// <summary>The maximum (padding never chosen).</summary>
    Maximum,
}

/// <summary>
/// The four tensors every recurrent kind has, as torch.nn.RNNCell, LSTMCell and GRUCell: <c>weight_ih [rows, in]</c>,
/// <c>weight_hh [rows, units]</c>, <c>bias_ih [rows]</c>, <c>bias_hh [rows]</c>, rows = gates × units.
/// </summary>
internal abstract class RecurrentKindDescriptor : LayerKindDescriptor
{
    public override bool HasActivationArgument => false;

    public override Activation DefaultActivation => Activation.Tanh;

    public override bool IsRecurrent => true;

    public override InferenceRole InferenceRole => InferenceRole.Recurrent;

    public override int InputRank => 1;

    public override TensorShape[] Tensors(LayerDimensions dimensions)
    {
        int units = dimensions.Units, rows = Gates * units;
        return [new("weight_ih", [rows, dimensions.Inputs]), new("weight_hh", [rows, units]), new("bias_ih", [rows]), new("bias_hh", [rows])];
    }
}
