using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>A dense layer over a whole batch as matrix products (one row per sample), for networks with a batch path.</summary>
internal sealed partial class DenseEmitter : IBatchLayerEmitter
{
    public void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers) { }

    /// <summary>A layer written out as straight-line code is faster sample by sample than as a matrix product.</summary>
    public bool GainsFromBatch(LayerSpec layer) => !Names.IsUnrolled(layer.WeightCount);

    public void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, units = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units}), x = {BatchInput(spec, layer)};"));
            string buffers = $"z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units)}, h = {BatchSpan(Batch(Names.Activated(layer)), units)}";
            if (layer.HasResidual) buffers += $", a = {BatchSpan(Batch(Names.Output(layer.Index)), units)}";
            writer.WriteLine($"{TypeNames.Span} {buffers};");
            writer.WriteLine($"{TypeNames.Numerics}.Gemm.BroadcastRows(b, z);");
            writer.WriteLine(Invariant($"{TypeNames.Numerics}.Gemm.MultiplyTransposedAdd(x, w, z, batchSize, {inputs}, {units});"));
            EmitActivationAndResidualBatch(writer, spec, layer);
        }
    }

    public void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        bool fusedWithLoss = layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        int inputs = layer.InputSize, units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool propagatesToInput = previous.Kind != LayerKind.Input;
        bool needsDerivative = !fusedWithLoss && layer.Activation != Activation.Linear;
        string delta = fusedWithLoss ? "δ = the loss's fused gradient" : needsDerivative ? "δ = dL/da ⊙ φ′(Z)" : "δ = dL/da";
        writer.WriteLine($"// {Names.Describe(layer)}: {delta}" + (propagatesToInput ? "; dL/dX += δ·W" : "") + "; ∇W = δᵀ·X; ∇b = Σ rows of δ");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.Span} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {units});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {units}), d = {BatchSpan(Batch(Names.OutputGradient(layer.Index)), units)};"));
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {BatchInput(spec, layer)};");
            EmitResidualAndDerivativeBatch(writer, spec, layer);
            if (propagatesToInput)
            {
                // Overwritten unless a residual has already added to it (those layers come later, so their blocks ran first).
                string accumulate = ReceivesResidualGradient(spec, previous.Index) ? "" : ", accumulate: false";
                writer.WriteLine(Invariant($"{TypeNames.Numerics}.Gemm.MultiplyAdd(d, {units}, 1, w, {BatchSpan(Batch(Names.OutputGradient(previous.Index)), previous.OutputSize)}, batchSize, {units}, {inputs}{accumulate});"));
            }
            writer.WriteLine("gb.Clear();");
            writer.WriteLine($"{TypeNames.Numerics}.Gemm.AddColumnSums(d, gb);");
            EmitFusedUpdateBatch(writer, layer, afterWeights: true);
            writer.WriteLine(Invariant($"{TypeNames.Numerics}.Gemm.MultiplyAdd(d, 1, {units}, x, gw, {units}, batchSize, {inputs}, accumulate: false, update != 0f ? w : default, update, {WeightDecayOf(layer)}); // δ read as its transpose"));
        }
    }
}
