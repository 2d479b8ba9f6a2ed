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
internal sealed class PoolingEmitter : ILayerEmitter
{
    public void AddBuffers(LayerSpec layer, List<Buffer> buffers) { }

    public void EmitInitialisation(SourceWriter writer, LayerSpec layer) { }

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        string x = Names.Output(layer.Index - 1), y = Names.Output(layer.Index);
        writer.WriteLine($"// {Names.Describe(layer)}");
        writer.WriteLine(layer.Kind == LayerKind.GlobalAvgPool
            ? Invariant($"{TypeNames.Numerics}.PoolKernels.GlobalAverageForward({x}, {y}, {layer.OutputSize}, {WindowGeometryText.Positions(layer.InputShape)});")
            : $"{TypeNames.Numerics}.PoolKernels.{Operation(layer)}Forward({x}, {y}, {WindowGeometryText.Of(layer)});");
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
        writer.WriteLine(layer.Kind == LayerKind.GlobalAvgPool
            ? Invariant($"{TypeNames.Numerics}.PoolKernels.GlobalAverageBackward({dy}, {dx}, {layer.OutputSize}, {WindowGeometryText.Positions(layer.InputShape)});")
            : ((PoolingKindDescriptor)layer.Descriptor).IsMax
                ? $"{TypeNames.Numerics}.PoolKernels.MaxBackward({x}, {y}, {dy}, {dx}, {WindowGeometryText.Of(layer)});"
                : $"{TypeNames.Numerics}.PoolKernels.AverageBackward({dy}, {dx}, {WindowGeometryText.Of(layer)});");
    }

    private static string Operation(LayerSpec layer) => ((PoolingKindDescriptor)layer.Descriptor).IsMax ? "Max" : "Average";
}
