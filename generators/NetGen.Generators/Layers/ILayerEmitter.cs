using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;

namespace NetGen.Generators.Layers;

/// <summary>
/// How one layer kind writes itself into a network's generated class (beside its descriptor in the model, which says
/// what the kind is). The network emitters call these in order and know nothing of any kind's math.
/// </summary>
internal interface ILayerEmitter : IPyTorchLayerEmitter
{
    /// <summary>Workspace arrays beyond every layer's z, a and dL/da (and φ(z) before a residual).</summary>
    void AddBuffers(LayerSpec layer, List<NetworkGenerator.Buffer> buffers);

    /// <summary>In the seeded constructor: the layer's initial parameters.</summary>
    void EmitInitialisation(SourceWriter writer, LayerSpec layer);

    /// <summary>In ForwardCore: the layer's block, from the previous layer's output to its own.</summary>
    void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer);

    /// <summary>In Backward: the layer's block, from dL/da of its output to its parameter gradients and dL/da of its input.</summary>
    void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer);
}

/// <summary>
/// A kind that can run a whole batch at once (one row per sample in each batch matrix) in feed-forward networks, so that
/// its weights are read once per batch and its products are large enough to share between both cores.
/// </summary>
internal interface IBatchLayerEmitter
{
    /// <summary>Batch matrices beyond every layer's z (if the kind keeps one), a, dL/da and φ(z) before a residual: (field, values per sample).</summary>
    void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers);

    /// <summary>Whether the batch path pays for this layer (e.g. a dense layer too small to be a useful matrix product does not).</summary>
    bool GainsFromBatch(LayerSpec layer);

    /// <summary>In ForwardBatch: the layer over all rows; a kind with a training mode reads the method's <c>training</c> argument.</summary>
    void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer);

    /// <summary>In BackwardBatch: the mean gradient over the rows (dL/da arrives scaled by 1/batch) written to the layer's slice of the gradients; dL/dX of its input added or written; a non-zero <c>update</c> applied.</summary>
    void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer);
}

/// <summary>
/// A kind that can run one time step at a time with state (a causal convolution keeps its last inputs in a ring), so
/// that a network made only of such layers gets StreamStep, as real-time audio code runs a temporal convolution network.
/// </summary>
internal interface IStreamingLayerEmitter
{
    /// <summary>Whether this layer, as declared, can run step by step (a convolution: causal, stride 1).</summary>
    bool CanStream(LayerSpec layer);

    /// <summary>The layer's state and one step's buffers, as field declarations; each field's name starts with "_s".</summary>
    void EmitStreamFields(SourceWriter writer, LayerSpec layer);

    /// <summary>In StreamStep: from <paramref name="input"/> (one step of the previous layer's output) to the layer's output at this step, <see cref="StepOutput"/>.</summary>
    void EmitStreamStep(SourceWriter writer, NetworkSpec spec, LayerSpec layer, string input);

    /// <summary>In ResetStream: the layer's state back to "no input seen".</summary>
    void EmitStreamReset(SourceWriter writer, LayerSpec layer);
}

/// <summary>The emitter of each layer kind, indexed as <see cref="LayerKinds.All"/>.</summary>
internal static class LayerEmitters
{
    private static readonly ILayerEmitter[] s_all =
    [
        new InputEmitter(), new DenseEmitter(), new ElmanEmitter(), new LstmEmitter(), new GruEmitter(), new ConvEmitter(), new ConvEmitter(),
        new PoolingEmitter(), new PoolingEmitter(), new PoolingEmitter(), new PoolingEmitter(), new PoolingEmitter(),
        new BatchNormEmitter(), new LayerNormEmitter(), new DropoutEmitter(),
    ];

    // The kinds whose InferenceRole is Affine, FeatureScale or Recurrent, at their kind's index; null for the others.
    private static readonly IInferenceLayerEmitter?[] s_inference =
    [
        null, new DenseInferenceEmitter(), new ElmanInferenceEmitter(), new LstmInferenceEmitter(), new GruInferenceEmitter(), null, null,
        null, null, null, null, null,
        new BatchNormInferenceEmitter(), null, null,
    ];

    public static ILayerEmitter Of(LayerSpec layer) => s_all[(int)layer.Kind];

    /// <summary>The layer's inference emitter (the plan makes stages only of kinds that have one).</summary>
    public static IInferenceLayerEmitter InferenceOf(LayerSpec layer)
        => s_inference[(int)layer.Kind] ?? throw new System.InvalidOperationException($"{layer.Kind} has an inference role but no inference emitter.");

    /// <summary>The layer's batch path in the inference form (every stateless kind with an inference role has one).</summary>
    public static IInferenceBatchLayerEmitter InferenceBatchOf(LayerSpec layer)
        => InferenceOf(layer) as IInferenceBatchLayerEmitter ?? throw new System.InvalidOperationException($"{layer.Kind} has no batch path in the inference form.");

    /// <summary>The layer's streaming emitter, or null when its kind cannot run step by step.</summary>
    public static IStreamingLayerEmitter? StreamingOf(LayerSpec layer) => s_all[(int)layer.Kind] as IStreamingLayerEmitter;

    /// <summary>The field holding a streaming layer's output at the current step.</summary>
    public static string StepOutput(int index) => "_sa" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The layer's batch emitter, or null when its kind runs a batch sample by sample.</summary>
    public static IBatchLayerEmitter? BatchOf(LayerSpec layer) => s_all[(int)layer.Kind] as IBatchLayerEmitter;
}
