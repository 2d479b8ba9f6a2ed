using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.Layers.InferenceSlots;

namespace NetGen.Generators.Layers;

/// <summary>
/// What the gated kinds (LSTM, GRU) share in the inference form: W_ih and W_hh packed by the kind's kernels, transposed,
/// stacked and gate-interleaved by blocks of 16 units; a step is the kernels' Step, which keeps every gate in registers.
/// h_t must not overwrite h_{t−1} while later blocks still read it, so the state holds two h buffers that swap roles
/// at each step (<c>flip</c>), then (LSTM) c.
/// </summary>
internal abstract class GatedInferenceEmitter : IInferenceLayerEmitter
{
    /// <summary>The runtime kernels' class, with Pack and Step.</summary>
    protected abstract string Kernels { get; }

    /// <summary>Packed columns per padded unit: one per gate product kept apart.</summary>
    protected abstract int ColumnsPerUnit { get; }

    /// <summary>Packed bias floats per padded unit.</summary>
    protected abstract int BiasPerUnit { get; }

    /// <summary>Keeps a cell state c besides h.</summary>
    protected abstract bool KeepsCell { get; }

    /// <summary>The columns of one block of 16 units, for the generated comment.</summary>
    protected abstract string BlockColumns { get; }

    private static int Padded(InferenceStage stage) => NetworkGenerator.RoundUp16(stage.Units);

    private static int Rows(InferenceStage stage) => stage.Inputs + stage.Units;

    private int Columns(InferenceStage stage) => ColumnsPerUnit * Padded(stage);

    public int PackedCount(InferenceStage stage) => Rows(stage) * Columns(stage) + BiasPerUnit * Padded(stage);

    public int StateCount(InferenceStage stage) => (KeepsCell ? 3 : 2) * Padded(stage);

    public string DescribePacking(InferenceStage stage, int at)
        => Invariant($"Wᵀ [{Rows(stage)}, {Columns(stage)}] (x rows, then h rows; per block of 16 units {BlockColumns}) at {at}, b [{BiasPerUnit * Padded(stage)}] at {at + Rows(stage) * Columns(stage)}");

    public void EmitPacking(SourceWriter writer, InferenceStage stage, int at)
    {
        LayerSpec layer = stage.Layer;
        int rows = layer.Rows, weights = Rows(stage) * Columns(stage);
        writer.WriteLine(Invariant($"{Kernels}.Pack(p.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), p.Slice({layer.RecurrentWeightOffset}, {rows * stage.Units}), p.Slice({layer.TensorOffset("bias_ih")}, {rows}), p.Slice({layer.TensorOffset("bias_hh")}, {rows}), w.Slice({at}, {weights}), w.Slice({at + weights}, {BiasPerUnit * Padded(stage)}));"));
    }

    public string EmitRun(SourceWriter writer, InferenceStage stage, InferenceSlots slots)
    {
        int padded = Padded(stage);
        string index = stage.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), previous = "hp" + index, hidden = "h" + index;
        string first = slots.State == 0 ? "" : Invariant($"{slots.State} + ");
        writer.WriteLine(Invariant($"ref float {previous} = ref {TypeNames.Unsafe}.Add(ref st, {first}flip * {padded});"));
        writer.WriteLine(Invariant($"ref float {hidden} = ref {TypeNames.Unsafe}.Add(ref st, {slots.State + padded} - flip * {padded});"));
        string cell = KeepsCell ? At("st", slots.State + 2 * padded) + ", " : "";
        writer.WriteLine(Invariant($"{Kernels}.Step({At("w", slots.Packed)}, {At("w", slots.Packed + Rows(stage) * Columns(stage))}, ref {slots.Source}, {stage.Inputs}, ref {previous}, {stage.Units}, {cell}ref {hidden});"));
        return hidden;
    }
}
