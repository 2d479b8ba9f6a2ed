using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// Max, average and global average pooling: no parameters, no activation; the output is written directly and the
/// backward pass routes dL/da to the input (max: to the first maximum of each window, as PyTorch's CPU kernel; average:
/// spread evenly, padding counted).
/// </summary>
internal sealed partial class PoolingEmitter : ILayerEmitter, IBatchLayerEmitter
{
    public void AddBuffers(LayerSpec layer, List<Buffer> buffers) { }

    public void EmitInitialisation(SourceWriter writer, LayerSpec layer) { }

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        string x = Names.Output(layer.Index - 1), y = Names.Output(layer.Index);
        writer.WriteLine($"// {Names.Describe(layer)}");
        EmitForwardCall(writer, layer, x, y);
    }

    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        if (layer.Index == 1)
        {
            writer.WriteLine($"// {Names.Describe(layer)}: reads the input and has no parameters, so nothing to propagate.");
            return;
        }
        string x = Names.Output(layer.Index - 1), y = Names.Output(layer.Index), dy = Names.OutputGradient(layer.Index), dx = Names.OutputGradient(layer.Index - 1);
        writer.WriteLine($"// {Names.Describe(layer)}: dL/dx += dL/da routed back through the window");
        EmitBackwardCall(writer, layer, x, y, dy, dx);
    }

    public void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers) { }

    /// <summary>Pooling reads each value once either way: it follows its neighbours into the batch path but is no reason for one.</summary>
    public bool GainsFromBatch(LayerSpec layer) => false;

    public void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int inputs = layer.InputSize, outputs = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}, sample by sample");
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {BatchInput(spec, layer)};");
            writer.WriteLine($"{TypeNames.Span} y = {BatchSpan(Batch(Names.Output(layer.Index)), outputs)};");
            using (writer.OpenBlock("for (int row = 0; row < batchSize; row++)"))
                EmitForwardCall(writer, layer, Invariant($"x.Slice(row * {inputs}, {inputs})"), Invariant($"y.Slice(row * {outputs}, {outputs})"));
        }
    }

    public void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        if (layer.Index == 1)
        {
            writer.WriteLine($"// {Names.Describe(layer)}: reads the input and has no parameters, so nothing to propagate.");
            return;
        }
        int inputs = layer.InputSize, outputs = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}: dL/dX += dL/da routed back through the window, sample by sample");
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {BatchInput(spec, layer)}, y = {BatchSpan(Batch(Names.Output(layer.Index)), outputs, readOnly: true)}, dy = {BatchSpan(Batch(Names.OutputGradient(layer.Index)), outputs, readOnly: true)};");
            writer.WriteLine($"{TypeNames.Span} dx = {BatchSpan(Batch(Names.OutputGradient(layer.Index - 1)), inputs)};");
            EmitClearInputGradientBatch(writer, spec, layer, "dx");
            using (writer.OpenBlock("for (int row = 0; row < batchSize; row++)"))
                EmitBackwardCall(writer, layer, Invariant($"x.Slice(row * {inputs}, {inputs})"), Invariant($"y.Slice(row * {outputs}, {outputs})"),
                    Invariant($"dy.Slice(row * {outputs}, {outputs})"), Invariant($"dx.Slice(row * {inputs}, {inputs})"));
        }
    }

    private static void EmitForwardCall(SourceWriter writer, LayerSpec layer, string x, string y)
        => writer.WriteLine(layer.Kind == LayerKind.GlobalAvgPool
            ? Invariant($"{TypeNames.Numerics}.PoolKernels.GlobalAverageForward({x}, {y}, {layer.OutputSize}, {WindowGeometryText.Positions(layer.InputShape)});")
            : $"{TypeNames.Numerics}.PoolKernels.{Operation(layer)}Forward({x}, {y}, {WindowGeometryText.Of(layer)});");

    private static void EmitBackwardCall(SourceWriter writer, LayerSpec layer, string x, string y, string dy, string dx)
        => writer.WriteLine(layer.Kind == LayerKind.GlobalAvgPool
            ? Invariant($"{TypeNames.Numerics}.PoolKernels.GlobalAverageBackward({dy}, {dx}, {layer.OutputSize}, {WindowGeometryText.Positions(layer.InputShape)});")
            : ((PoolingKindDescriptor)layer.Descriptor).IsMax
                ? $"{TypeNames.Numerics}.PoolKernels.MaxBackward({x}, {y}, {dy}, {dx}, {WindowGeometryText.Of(layer)});"
                : $"{TypeNames.Numerics}.PoolKernels.AverageBackward({dy}, {dx}, {WindowGeometryText.Of(layer)});");

    private static string Operation(LayerSpec layer) => ((PoolingKindDescriptor)layer.Descriptor).IsMax ? "Max" : "Average";
}
