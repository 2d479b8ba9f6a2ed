using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// A network of channels × length whose every layer can run step by step (causal, stride-1 Conv1D: a temporal
    /// convolution network) also gets StreamStep and ResetStream, for signals that arrive one step at a time.
    /// </summary>
    internal static bool IsStreamable(NetworkSpec spec)
    {
        if (spec.IsRecurrent || spec.Layers[0].OutputShape.Dimensions.Count != 2) return false;
        for (int index = 1; index < spec.Layers.Count; index++)
            if (Layers.LayerEmitters.StreamingOf(spec.Layers[index]) is not { } emitter || !emitter.CanStream(spec.Layers[index])) return false;
        return true;
    }

    /// <summary>The state fields, StreamInputSize/StreamOutputSize, StreamStep and ResetStream.</summary>
    internal static void EmitStreaming(SourceWriter writer, NetworkSpec spec)
    {
        int inputs = spec.Layers[0].OutputShape.Dimensions[0], outputs = spec.Output.OutputShape.Dimensions[0];
        writer.WriteLine();
        writer.WriteLine("// Streaming state: each layer's last inputs (a ring) and its output at the newest step.");
        for (int index = 1; index < spec.Layers.Count; index++)
            Layers.LayerEmitters.StreamingOf(spec.Layers[index])!.EmitStreamFields(writer, spec.Layers[index]);
        writer.WriteLine();
        writer.WriteLine(Invariant($"/// <summary>Values per step that <see cref=\"StreamStep\"/> reads: the input's channels, {inputs}.</summary>"));
        writer.WriteLine(Invariant($"public const int StreamInputSize = {inputs};"));
        writer.WriteLine(Invariant($"/// <summary>Values per step that <see cref=\"StreamStep\"/> writes: the output layer's filters, {outputs}.</summary>"));
        writer.WriteLine(Invariant($"public const int StreamOutputSize = {outputs};"));
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Feeds the next time step of a signal (one value per input channel) and writes the output at that step (one per");
        writer.WriteLine("/// output filter): what <see cref=\"Forward\"/> over the whole signal so far gives at its last position, computed from the");
        writer.WriteLine("/// inputs each layer keeps, at the cost of one output position. Every layer is causal, so no step reads the future; before");
        writer.WriteLine("/// the first step (and after <see cref=\"ResetStream\"/>) the past is zeros, the causal padding. Allocates nothing.");
        writer.WriteLine("/// </summary>");
        using (writer.OpenBlock($"public void StreamStep({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
        {
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(input.Length, StreamInputSize, \"one step of the input\", nameof(input));");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(output.Length, StreamOutputSize, \"one step of the output\", nameof(output));");
            writer.WriteLine($"{TypeNames.ReadOnlySpan} p = _parameters.Span;");
            for (int index = 1; index < spec.Layers.Count; index++)
                Layers.LayerEmitters.StreamingOf(spec.Layers[index])!.EmitStreamStep(writer, spec, spec.Layers[index], index == 1 ? "input" : Layers.LayerEmitters.StepOutput(index - 1));
            writer.WriteLine($"new {TypeNames.ReadOnlySpan}({Layers.LayerEmitters.StepOutput(spec.Output.Index)}).CopyTo(output);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Forgets every step fed to <see cref=\"StreamStep\"/>: the next step starts a new signal.</summary>");
        using (writer.OpenBlock("public void ResetStream()"))
            for (int index = 1; index < spec.Layers.Count; index++)
                Layers.LayerEmitters.StreamingOf(spec.Layers[index])!.EmitStreamReset(writer, spec.Layers[index]);
    }
}
