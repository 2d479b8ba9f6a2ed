using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.Layers.InferenceSlots;

namespace NetGen.Generators.Layers;

/// <summary>
/// A simple recurrent layer in the inference form: its state is [x_t; h_{t−1}], so a step is one dense product over
/// it (W_ihᵀ above W_hhᵀ, b_ih + b_hh) with φ on the accumulators; h_t goes back into the state's h part, which is
/// also the stage's output.
/// </summary>
internal sealed class ElmanInferenceEmitter : IInferenceLayerEmitter
{
    private const string Kernels = TypeNames.Numerics + ".ElmanInferenceKernels";

    private static int Rows(InferenceStage stage) => stage.Inputs + stage.Units;

    public int PackedCount(InferenceStage stage) => NetworkGenerator.RoundUp16((Rows(stage) + 1) * stage.Stride);

    public int StateCount(InferenceStage stage) => NetworkGenerator.RoundUp16(Rows(stage));

    public string DescribePacking(InferenceStage stage, int at)
        => Invariant($"Wᵀ [{Rows(stage)}, {stage.Stride}] (x rows, then h rows) at {at}, b_ih + b_hh [{stage.Stride}] at {at + Rows(stage) * stage.Stride}");

    public void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
    {
        LayerSpec layer = stage.Layer;
        int units = stage.Units, rows = Rows(stage), stride = stage.Stride;
        writer.WriteLine(Invariant($"{Kernels}.Pack(p.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), p.Slice({layer.RecurrentWeightOffset}, {units * units}), p.Slice({layer.TensorOffset("bias_ih")}, {units}), p.Slice({layer.TensorOffset("bias_hh")}, {units}), w.Slice({at}, {rows * stride}), w.Slice({at + rows * stride}, {stride}));"));
    }

    public string EmitRun(SourceWriter writer, InferenceStage stage, InferenceSlots slots)
    {
        int inputs = stage.Inputs, units = stage.Units, rows = Rows(stage);
        Activation activation = stage.Layer.Activation;
        bool fused = NetworkGenerator.FusesActivation(activation);
        string state = "xh" + stage.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteLine(Invariant($"{TypeNames.Span} {state} = state.Slice({slots.State}, {rows});"));
        writer.WriteLine(Invariant($"{SpanOf(slots.Source, inputs)}.CopyTo({state});"));
        writer.WriteLine(Invariant($"{NetworkGenerator.InferenceKernels}.Dense<{Names.ActivationType(fused ? activation : Activation.Linear)}>({At("w", slots.Packed)}, {At("w", slots.Packed + rows * stage.Stride)}, ref {TypeNames.MemoryMarshal}.GetReference({state}), {rows}, ref {TypeNames.MemoryMarshal}.GetReference(z), {stage.Stride});"));
        if (fused) writer.WriteLine(Invariant($"z.Slice(0, {units}).CopyTo({state}.Slice({inputs}));"));
        else NetworkGenerator.EmitStageActivation(writer, activation, units, Invariant($"{state}.Slice({inputs}, {units})"));
        return Expression("st", slots.State + inputs);
    }
}
