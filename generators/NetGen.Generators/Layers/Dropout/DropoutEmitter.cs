using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// Dropout: in a batch's training pass y = x ⊙ mask (0 or 1/(1 − p), drawn from the network's seed and the layer's count
/// of draws) and dL/dx += dL/dy ⊙ mask; everywhere else the identity.
/// </summary>
internal sealed partial class DropoutEmitter : ILayerEmitter, IBatchLayerEmitter
{
    public void AddBuffers(LayerSpec layer, List<Buffer> buffers) { }

    public void EmitInitialisation(SourceWriter writer, LayerSpec layer) { }

    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        writer.WriteLine($"// {Names.Describe(layer)}: the identity in evaluation");
        writer.WriteLine($"{Span(Names.Output(layer.Index - 1))}.CopyTo({Names.Output(layer.Index)});");
    }

    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        if (spec.Layers[layer.Index - 1].Kind == LayerKind.Input)
        {
            writer.WriteLine($"// {Names.Describe(layer)}: reads the input and has no parameters, so nothing to propagate.");
            return;
        }
        writer.WriteLine($"// {Names.Describe(layer)}: dL/dx += dL/dy (the identity in evaluation)");
        string dx = Names.OutputGradient(layer.Index - 1);
        writer.WriteLine($"{TypeNames.TensorPrimitives}.Add({dx}, {Names.OutputGradient(layer.Index)}, {dx});");
    }

    public void AddBatchBuffers(LayerSpec layer, List<(string Field, int Width)> buffers) => buffers.Add((Mask(layer), layer.OutputSize));

    /// <summary>A mask is one pass over the values: no reason for the batch path (its training mode is, see HasTrainingMode).</summary>
    public bool GainsFromBatch(LayerSpec layer) => false;

    public void EmitForwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int width = layer.OutputSize;
        writer.WriteLine(Invariant($"// {Names.Describe(layer)}: in training, each value zeroed with probability {layer.DropoutProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, the rest scaled by 1/(1 − p)"));
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} x = {BatchInput(spec, layer)};");
            writer.WriteLine($"{TypeNames.Span} y = {BatchSpan(Batch(Names.Output(layer.Index)), width)};");
            writer.WriteLine(Invariant($"if (training) _counters[{layer.CounterOffset}] = {TypeNames.Numerics}.DropoutKernels.TrainForward(x, {BatchSpan(Mask(layer), width)}, y, {Names.FloatLiteral((float)layer.DropoutProbability)}, _seed, {Stream(layer)}, _counters[{layer.CounterOffset}]);"));
            writer.WriteLine("else x.CopyTo(y);");
        }
    }

    public void EmitBackwardBatch(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        LayerSpec previous = spec.Layers[layer.Index - 1];
        if (previous.Kind == LayerKind.Input)
        {
            writer.WriteLine($"// {Names.Describe(layer)}: reads the input and has no parameters, so nothing to propagate.");
            return;
        }
        writer.WriteLine($"// {Names.Describe(layer)}: dL/dX += dL/dY ⊙ mask");
        using (writer.OpenBlock())
        {
            writer.WriteLine($"{TypeNames.Span} dx = {BatchSpan(Batch(Names.OutputGradient(previous.Index)), previous.OutputSize)};");
            EmitClearInputGradientBatch(writer, spec, layer, "dx");
            writer.WriteLine($"{TypeNames.Numerics}.DropoutKernels.Backward({BatchSpan(Batch(Names.OutputGradient(layer.Index)), layer.OutputSize, readOnly: true)}, {BatchSpan(Mask(layer), layer.OutputSize, readOnly: true)}, dx);");
        }
    }

    private static string Mask(LayerSpec layer) => Invariant($"_bmask{layer.Index}");

    /// <summary>The seed's stream for this layer's masks: negative, apart from the weights' streams (the layer indices).</summary>
    private static string Stream(LayerSpec layer) => Invariant($"{-1 - layer.Index}");
}
