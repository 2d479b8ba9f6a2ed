using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.Layers.InferenceSlots;

namespace NetGen.Generators.Layers;

/// <summary>
/// A dense layer in the inference form: Wᵀ <c>[in, stride]</c> and b, with the batch normalisation that follows it
/// folded in when the plan says so; Run is one broadcast product with the activation on the accumulators.
/// </summary>
internal sealed class DenseInferenceEmitter : IInferenceLayerEmitter, IInferenceBatchLayerEmitter
{
    public int PackedCount(InferenceStage stage) => NetworkGenerator.RoundUp16((stage.Inputs + 1) * stage.Stride);

    public int StateCount(InferenceStage stage) => 0;

    public string DescribePacking(InferenceStage stage, int at)
        => Invariant($"Wᵀ [{stage.Inputs}, {stage.Stride}] at {at}, b [{stage.Stride}] at {at + stage.Inputs * stage.Stride}");

    public void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
    {
        LayerSpec layer = stage.Layer;
        int stride = stage.Stride, weights = at, bias = at + stage.Inputs * stride;
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.PackDense(p.Slice({layer.ParameterOffset}, {layer.WeightCount}), p.Slice({layer.BiasOffset}, {layer.OutputSize}), w.Slice({weights}, {stage.Inputs * stride}), w.Slice({bias}, {stride}));"));
        if (stage.Folded is not { } norm) return;
        writer.WriteLine("// z = (W·x + b)·s + t, s = γ/√(running var + ε), t = β − running mean·s: Wᵀ's columns times s, b·s + t.");
        BatchNormInferenceEmitter.EmitPack(writer, norm, Invariant($"scale.Slice(0, {stride})"), Invariant($"shift.Slice(0, {stride})"));
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.Fold(w.Slice({weights}, {stage.Inputs * stride}), w.Slice({bias}, {stride}), scale.Slice(0, {norm.Channels}), shift.Slice(0, {norm.Channels}));"));
    }

    public string EmitRun(SourceWriter writer, InferenceStage stage, InferenceSlots slots)
    {
        Activation activation = stage.Last.Activation;
        bool fused = NetworkGenerator.FusesActivation(activation);
        string target = fused ? At("wk", slots.Output) : Invariant($"ref {TypeNames.MemoryMarshal}.GetReference(z)");
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.Dense<{Names.ActivationType(fused ? activation : Activation.Linear)}>({At("w", slots.Packed)}, {At("w", slots.Packed + stage.Inputs * stage.Stride)}, ref {slots.Source}, {stage.Inputs}, {target}, {stage.Stride});"));
        return NetworkGenerator.EmitInferenceTail(writer, stage, slots, fused);
    }

    public void EmitRunBatch(SourceWriter writer, InferenceStage stage, InferenceBatchSlots slots)
    {
        Activation activation = stage.Last.Activation;
        bool fused = NetworkGenerator.FusesActivation(activation);
        int weights = stage.Inputs * stage.Stride;
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.DenseBatch(w.Slice({slots.Packed}, {weights}), w.Slice({slots.Packed + weights}, {stage.Stride}), {slots.Source}, {slots.SourceStride}, {stage.Inputs}, {(fused ? slots.Output : "z")}, batchSize);"));
        if (fused && activation != Activation.Linear)
            writer.WriteLine($"{TypeNames.ActivationKernels}.Apply<{Names.ActivationType(activation)}>({slots.Output}, {slots.Output});");
        NetworkGenerator.EmitInferenceBatchTail(writer, stage, slots, fused);
    }
}
