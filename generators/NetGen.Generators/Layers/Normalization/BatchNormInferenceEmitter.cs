using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.Layers.InferenceSlots;

namespace NetGen.Generators.Layers;

/// <summary>
/// A batch normalisation over features in the inference form, where it could not be folded into the dense layer before
/// it: z = x·s + t per feature from the running statistics (s and t packed), then the activation.
/// </summary>
internal sealed class BatchNormInferenceEmitter : IInferenceLayerEmitter, IInferenceBatchLayerEmitter
{
    public int PackedCount(InferenceStage stage) => NetworkGenerator.RoundUp16(2 * stage.Stride);

    public int StateCount(InferenceStage stage) => 0;

    public string DescribePacking(InferenceStage stage, int at) => Invariant($"scale [{stage.Stride}] at {at}, shift [{stage.Stride}] at {at + stage.Stride}");

    public void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
        => EmitPack(writer, stage.Layer, Invariant($"w.Slice({at}, {stage.Stride})"), Invariant($"w.Slice({at + stage.Stride}, {stage.Stride})"));

    public string EmitRun(SourceWriter writer, InferenceStage stage, InferenceSlots slots)
    {
        int units = stage.Units;
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.ScaleShift({SpanOf(slots.Source, units)}, {SpanOf(Expression("w", slots.Packed), units)}, {SpanOf(Expression("w", slots.Packed + stage.Stride), units)}, z.Slice(0, {units}));"));
        return NetworkGenerator.EmitInferenceTail(writer, stage, slots, fused: false);
    }

    public void EmitRunBatch(SourceWriter writer, InferenceStage stage, InferenceBatchSlots slots)
    {
        int units = stage.Units;
        writer.WriteLine(Invariant($"for (int row = 0; row < batchSize; row++) {NetworkGenerator.InferenceKernels}.ScaleShift({slots.Source}.Slice(row * {slots.SourceStride}, {units}), w.Slice({slots.Packed}, {units}), w.Slice({slots.Packed + stage.Stride}, {units}), z.Slice(row * {stage.Stride}, {units}));"));
        NetworkGenerator.EmitInferenceBatchTail(writer, stage, slots, fused: false);
    }

    /// <summary>In Refresh: s and t of <paramref name="norm"/> (<c>BatchNormKernels.EvaluationAffine</c>) into the spans named.</summary>
    public static void EmitPack(SourceWriter writer, LayerSpec norm, string scale, string shift)
        => writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.PackBatchNorm(p.Slice({norm.TensorOffset("weight")}, {norm.Channels}), p.Slice({norm.TensorOffset("bias")}, {norm.Channels}), s.Slice({norm.BufferTensorOffset("running_mean")}, {norm.Channels}), s.Slice({norm.BufferTensorOffset("running_var")}, {norm.Channels}), {scale}, {shift});"));
}
