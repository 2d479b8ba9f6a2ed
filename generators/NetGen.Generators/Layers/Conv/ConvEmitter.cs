using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// A convolution (torch.nn.Conv1d/Conv2d) as a matrix product: the input unrolled into columns (one per output position,
/// kernel taps × input channels long), z = W·columns + b, a = φ(z) (+ a residual). The columns are kept for the backward
/// pass, which computes ∇W = δ·columnsᵀ and folds Wᵀ·δ back onto the input's positions.
/// </summary>
internal sealed partial class ConvEmitter : ILayerEmitter
{
    internal static string Columns(int index) => Invariant($"_col{index}");

    internal static string ColumnGradients(int index) => Invariant($"_dcol{index}");

    internal static int ColumnsSize(LayerSpec layer) => layer.InputShape.Dimensions[0] * layer.Window!.Taps * WindowGeometryText.Positions(layer.OutputShape);

    internal static bool PropagatesToInput(LayerSpec layer) => layer.Index > 1;

    public void AddBuffers(LayerSpec layer, List<Buffer> buffers)
    {
        buffers.Add(new(Columns(layer.Index), ColumnsSize(layer), false));
        if (PropagatesToInput(layer)) buffers.Add(new(ColumnGradients(layer.Index), ColumnsSize(layer), false));
    }

    /// <summary>W from stream <c>layer.Index</c> of the seed with fan-in = input channels × kernel taps; the bias stays zero.</summary>
    public void EmitInitialisation(SourceWriter writer, LayerSpec layer)
    {
        Connectivity connections = layer.Connections;
        int fanIn = connections.FanIn, filters = connections.OutChannels;
        writer.WriteLine(Invariant($"// {layer.PropertyName}: {Names.InitDescription(layer.Init)} kernels [{filters}, {fanIn}] (fan-in: input channels × taps) from stream {layer.Index} of the seed; zero bias."));
        EmitFill(writer, layer.ParameterOffset, layer.Init, fanIn, filters, Invariant($"{layer.Index}"));
    }

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int filters = layer.OutputShape.Dimensions[0], units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: z = W ⊛ x + b, W = p[{layer.ParameterOffset}..{layer.BiasOffset}) as {Shape(layer)}, b = p[{layer.BiasOffset}..{layer.BiasOffset + filters})"));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {filters}), x = {Names.Output(previous.Index)};"));
            string buffers = $"z = {Names.PreActivation(layer.Index)}, h = {Names.Activated(layer)}";
            if (layer.HasResidual) buffers += $", a = {Names.Output(layer.Index)}";
            writer.WriteLine($"{TypeNames.Span} {buffers};");
            writer.WriteLine($"{TypeNames.Numerics}.ConvKernels.Forward(x, w, b, z, {Columns(layer.Index)}, {WindowGeometryText.Of(layer)});");
            EmitActivation(writer, layer, unrolled: false);
            if (layer.HasResidual)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(h, {Names.Output(layer.ResidualIndex)}, a);");
        }
    }

    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        bool fusedWithLoss = layer.Index == spec.Output.Index && LossCatalog.Of(spec.Loss).IsFusedWithOutput;
        int filters = layer.OutputShape.Dimensions[0];
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool propagates = PropagatesToInput(layer);
        bool needsDerivative = !fusedWithLoss && layer.Activation != Activation.Linear;
        writer.WriteLine($"// {Names.Describe(layer)}: δ = {(fusedWithLoss ? "the loss's fused gradient" : needsDerivative ? "dL/da ⊙ φ′(z)" : "dL/da")}; ∇W += δ·columnsᵀ; ∇b += Σ δ"
            + (propagates ? "; dL/dx += the columns of Wᵀ·δ folded back onto the input" : ""));
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} gw = g.Slice({layer.ParameterOffset}, {layer.WeightCount}), gb = g.Slice({layer.BiasOffset}, {filters}), d = {Names.OutputGradient(layer.Index)};"));
            EmitClearUnlessAccumulating(writer, spec, "gw", "gb");
            if (layer.HasResidual && layer.ResidualIndex > 0)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({Names.OutputGradient(layer.ResidualIndex)}, d, {Names.OutputGradient(layer.ResidualIndex)}); // the residual's identity path");
            if (needsDerivative)
                EmitMultiplyByDerivative(writer, layer, Names.PreActivation(layer.Index), Names.Activated(layer), "d");
            string dx = propagates ? Names.OutputGradient(previous.Index) : $"{TypeNames.Span}.Empty";
            string dcolumns = propagates ? ColumnGradients(layer.Index) : $"{TypeNames.Span}.Empty";
            writer.WriteLine($"{TypeNames.Numerics}.ConvKernels.Backward({Columns(layer.Index)}, w, d, gw, gb, {dx}, {dcolumns}, {WindowGeometryText.Of(layer)});");
            EmitFusedUpdate(writer, spec, layer);
        }
    }

    /// <summary>"[16, 3, 3, 3]": the weight's PyTorch shape.</summary>
    private static string Shape(LayerSpec layer) => "[" + string.Join(", ", layer.Descriptor.Tensors(layer.Dimensions)[0].Shape) + "]";
}
