using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// Batch normalisation: in a batch's training pass each channel standardised over the batch (x̂ and 1/σ kept for the
/// backward pass through the batch statistics; the running statistics and num_batches_tracked updated); everywhere else
/// by the running statistics.
/// </summary>
internal sealed partial class BatchNormEmitter : NormalizationEmitter
{
    public override void AddBuffers(LayerSpec layer, List<Buffer> buffers) { }

    public override void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers)
    {
        buffers.Add((Normalized(layer), layer.OutputSize));
        buffers.Add((InverseStd(layer), layer.Channels)); // one row's worth holds every channel's
        if (layer.Positions == 1) buffers.Add((Scratch(layer), 2 * layer.Channels)); // the features path needs 4 × channels; a training batch has 2 rows or more
    }

    public override void EmitInitialisation(SourceWriter writer, LayerSpec layer)
    {
        EmitUnitScale(writer, layer);
        writer.WriteLine(Invariant($"global::System.Array.Fill(_buffers, 1f, {layer.BufferTensorOffset("running_var")}, {layer.Channels}); // running_var = 1, running_mean = 0"));
    }

    protected override void EmitNormalize(SourceWriter writer, LayerSpec layer)
        => writer.WriteLine(Invariant($"{TypeNames.Numerics}.BatchNormKernels.Evaluate(x, z, {Gamma(layer)}, {Beta(layer)}, {RunningMean(layer)}, {RunningVariance(layer)}, 1, {layer.Positions});"));

    protected override void EmitNormalizeBackward(SourceWriter writer, LayerSpec layer, string dx)
        => writer.WriteLine($"{TypeNames.Numerics}.BatchNormKernels.EvaluateBackward({Names.Output(layer.Index - 1)}, d, {Gamma(layer)}, {RunningMean(layer)}, {RunningVariance(layer)}, gg, gb, {dx});");

    protected override void EmitNormalizeBatch(SourceWriter writer, LayerSpec layer)
    {
        using (writer.OpenBlock("if (training)"))
        {
            writer.WriteLine(Invariant($"{TypeNames.Numerics}.BatchNormKernels.TrainForward(x, {BatchSpan(Normalized(layer), layer.OutputSize)}, z, {Gamma(layer)}, {Beta(layer)}, {RunningMean(layer)}, {RunningVariance(layer)}, {InverseStdSpan(layer)}, {ScratchSpan(layer)}, batchSize, {layer.Positions});"));
            writer.WriteLine(Invariant($"_counters[{layer.CounterOffset}]++; // num_batches_tracked"));
        }
        writer.WriteLine(Invariant($"else {TypeNames.Numerics}.BatchNormKernels.Evaluate(x, z, {Gamma(layer)}, {Beta(layer)}, {RunningMean(layer)}, {RunningVariance(layer)}, batchSize, {layer.Positions});"));
    }

    protected override void EmitNormalizeBatchBackward(SourceWriter writer, LayerSpec layer, string dx)
        => writer.WriteLine(Invariant($"{TypeNames.Numerics}.BatchNormKernels.TrainBackward(d, {BatchSpan(Normalized(layer), layer.OutputSize, readOnly: true)}, {Gamma(layer)}, {InverseStdSpan(layer)}, gg, gb, {dx}, {ScratchSpan(layer)}, batchSize, {layer.Positions});"));

    private static string Normalized(LayerSpec layer) => Invariant($"_bxhat{layer.Index}");

    private static string InverseStd(LayerSpec layer) => Invariant($"_binvstd{layer.Index}");

    private static string InverseStdSpan(LayerSpec layer) => Invariant($"new {TypeNames.Span}({InverseStd(layer)}, 0, {layer.Channels})");

    private static string Scratch(LayerSpec layer) => Invariant($"_bbnscratch{layer.Index}");

    /// <summary>The features' vector path's scratch (four vectors of channels: a training batch over features has two rows or more, of two vectors each), else nothing.</summary>
    private static string ScratchSpan(LayerSpec layer)
        => layer.Positions == 1 ? Invariant($"new {TypeNames.Span}({Scratch(layer)}, 0, {4 * layer.Channels})") : $"{TypeNames.Span}.Empty";

    private static string RunningMean(LayerSpec layer) => Invariant($"new {TypeNames.Span}(_buffers, {layer.BufferTensorOffset("running_mean")}, {layer.Channels})");

    private static string RunningVariance(LayerSpec layer) => Invariant($"new {TypeNames.Span}(_buffers, {layer.BufferTensorOffset("running_var")}, {layer.Channels})");
}
