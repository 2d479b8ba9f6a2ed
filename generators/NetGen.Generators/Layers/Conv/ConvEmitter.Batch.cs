using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>A convolution over a whole batch: every sample's columns side by side, so that one product per layer covers the batch (and both cores).</summary>
internal sealed partial class ConvEmitter : IBatchLayerEmitter
{
    public void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers)
    {
        // The kernel also lays δ out in the column gradients' space for a batch, so every layer has them.
        buffers.Add((Batch(Columns(layer.Index)), ColumnsSize(layer)));
        buffers.Add((Batch(ColumnGradients(layer.Index)), ColumnsSize(layer)));
    }

    public bool GainsFromBatch(LayerSpec layer) => true;

    public void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int filters = layer.OutputShape.Dimensions[0], units = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {filters}), x = {BatchInput(spec, layer)};"));
            string buffers = $"z = {BatchSpan(Batch(Names.PreActivation(layer.Index)), units)}, h = {BatchSpan(Batch(Names.Activated(layer)), units)}";
            if (layer.HasResidual) buffers += $", a = {BatchSpan(Batch(Names.Output(layer.Index)), units)}";
            writer.WriteLine($"{TypeNames.Span} {buffers};");
            writer.WriteLine($"{TypeNames.Numerics}.ConvKernels.ForwardBatch(x, w, b, z, {Batch(Columns(layer.Index))}, batchSize, {WindowGeometryText.Of(layer)});");
            EmitActivationAndResidualBatch(writer, spec, layer);
        }
    }

    public void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        bool fusedWithLoss = layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        int filters = layer.OutputShape.Dimensions[0], units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool propagates = PropagatesToInput(layer);
        string delta = fusedWithLoss ? "δ = the loss's fused gradient" : layer.Activation == Activation.Linear ? "δ = dL/da" : "δ = dL/da ⊙ φ′(Z)";
        writer.WriteLine($"// {Names.Describe(layer)}: {delta}; ∇W = Σ δ·columnsᵀ; ∇b = Σ δ" + (propagates ? "; dL/dX += the columns of Wᵀ·δ folded back" : ""));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {filters}), d = {BatchSpan(Batch(Names.OutputGradient(layer.Index)), units)};"));
            EmitResidualAndDerivativeBatch(writer, spec, layer);
            writer.WriteLine("gw.Clear();");
            writer.WriteLine("gb.Clear();");
            string dx = $"{TypeNames.Span}.Empty";
            if (propagates)
            {
                writer.WriteLine($"{TypeNames.Span} dx = {BatchSpan(Batch(Names.OutputGradient(previous.Index)), previous.OutputSize)};");
                EmitClearInputGradientBatch(writer, spec, layer, "dx");
                dx = "dx";
            }
            writer.WriteLine($"{TypeNames.Numerics}.ConvKernels.BackwardBatch({Batch(Columns(layer.Index))}, w, d, gw, gb, {dx}, {Batch(ColumnGradients(layer.Index))}, batchSize, {WindowGeometryText.Of(layer)});");
            EmitFusedUpdateBatch(writer, layer);
        }
    }
}
