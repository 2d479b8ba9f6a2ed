using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>Layer normalisation: each sample standardised over its own values, the same in training and evaluation (x̂ and 1/σ kept per sample).</summary>
internal sealed partial class LayerNormEmitter : NormalizationEmitter
{
    public override void AddBuffers(LayerSpec layer, List<Buffer> buffers)
    {
        buffers.Add(new(Normalized(layer), layer.OutputSize, false));
        buffers.Add(new(InverseStd(layer), 1, false));
        buffers.Add(new(Scratch(layer), layer.OutputSize, false));
    }

    public override void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers)
    {
        buffers.Add((Batch(Normalized(layer)), layer.OutputSize));
        buffers.Add((Batch(InverseStd(layer)), 1));
    }

    public override void EmitInitialisation(SourceWriter writer, LayerSpec layer) => EmitUnitScale(writer, layer);

    protected override void EmitNormalize(SourceWriter writer, LayerSpec layer)
        => writer.WriteLine($"{TypeNames.Numerics}.LayerNormKernels.Forward(x, {Normalized(layer)}, z, {Gamma(layer)}, {Beta(layer)}, {InverseStd(layer)}, 1);");

    protected override void EmitNormalizeBackward(SourceWriter writer, LayerSpec layer, string dx)
        => writer.WriteLine($"{TypeNames.Numerics}.LayerNormKernels.Backward(d, {Normalized(layer)}, {Gamma(layer)}, {InverseStd(layer)}, gg, gb, {dx}, {Scratch(layer)}, 1);");

    protected override void EmitNormalizeBatch(SourceWriter writer, LayerSpec layer)
        => writer.WriteLine($"{TypeNames.Numerics}.LayerNormKernels.Forward(x, {BatchSpan(Batch(Normalized(layer)), layer.OutputSize)}, z, {Gamma(layer)}, {Beta(layer)}, {BatchSpan(Batch(InverseStd(layer)), 1)}, batchSize);");

    protected override void EmitNormalizeBatchBackward(SourceWriter writer, LayerSpec layer, string dx)
    {
        writer.WriteLine("gg.Clear(); gb.Clear();");
        writer.WriteLine($"{TypeNames.Numerics}.LayerNormKernels.Backward(d, {BatchSpan(Batch(Normalized(layer)), layer.OutputSize, readOnly: true)}, {Gamma(layer)}, {BatchSpan(Batch(InverseStd(layer)), 1, readOnly: true)}, gg, gb, {dx}, {Scratch(layer)}, batchSize);");
    }

    private static string Normalized(LayerSpec layer) => Invariant($"_xhat{layer.Index}");

    private static string InverseStd(LayerSpec layer) => Invariant($"_invstd{layer.Index}");

    private static string Scratch(LayerSpec layer) => Invariant($"_gscratch{layer.Index}");
}
