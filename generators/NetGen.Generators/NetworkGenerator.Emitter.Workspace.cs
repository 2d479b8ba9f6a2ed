using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>One workspace array: its field, the values it holds per step (or in all), and whether it grows with the sequence.</summary>
    internal readonly record struct Buffer(string Field, int Width, bool PerStep);

    /// <summary>Every workspace array the forward and backward passes use.</summary>
    internal static List<Buffer> Buffers(NetworkSpec spec)
    {
        var buffers = new List<Buffer> { new(Names.Output(0), spec.InputSize, spec.IsRecurrent) };
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.Kind == LayerKind.Input) continue;
            bool perStep = layer.RunsPerStep;
            int units = layer.OutputSize;
            if (layer.Descriptor.HasPreActivation) buffers.Add(new(Names.PreActivation(layer.Index), layer.Rows, perStep));
            buffers.Add(new(Names.Output(layer.Index), units, perStep));
            buffers.Add(new(Names.OutputGradient(layer.Index), units, perStep));
            if (layer.HasResidual) buffers.Add(new(Names.Activated(layer), units, perStep));
            Layers.LayerEmitters.Of(layer).AddBuffers(layer, buffers);
        }
        return buffers;
    }

    /// <summary>
    /// The workspace fields. Feed-forward networks have fixed arrays; a recurrent network's per-step arrays
    /// hold <c>_capacity</c> steps and grow once when a longer sequence arrives (EnsureCapacity).
    /// </summary>
    internal static void EmitWorkspaceFields(SourceWriter writer, NetworkSpec spec)
    {
        writer.WriteLine("// Workspace: Forward keeps every layer's z (pre-activation) and a (output); Backward turns da into δ in place.");
        int capacity = System.Math.Max(1, spec.SequenceLength);
        foreach (Buffer buffer in Buffers(spec))
            writer.WriteLine(buffer.PerStep
                ? Invariant($"private float[] {buffer.Field} = new float[{capacity * buffer.Width}];")
                : Invariant($"private readonly float[] {buffer.Field} = new float[{buffer.Width}];"));
        if (spec.IsRecurrent)
        {
            int widest = 0;
            foreach (LayerSpec layer in spec.Layers) widest = System.Math.Max(widest, layer.OutputSize);
            writer.WriteLine(Invariant($"private static readonly float[] s_zeros = new float[{widest}]; // h_{{−1}} and c_{{−1}}"));
            writer.WriteLine(Invariant($"private int _capacity = {capacity}, _steps;"));
        }
        writer.WriteLine("private bool _hasForward;");
    }

    /// <summary>OutputLength, and for recurrent networks EnsureCapacity.</summary>
    internal static void EmitSequenceCapacity(SourceWriter writer, NetworkSpec spec)
    {
        if (!spec.IsRecurrent)
        {
            writer.WriteLine();
            writer.WriteLine("private static int OutputLength(int steps) => OutputSize;");
            return;
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Grows every per-step buffer to hold <paramref name=\"steps\"/> steps: once per longer sequence, then reused.</summary>");
        using (writer.OpenBlock("private void EnsureCapacity(int steps)"))
        {
            writer.WriteLine("if (steps <= _capacity) return;");
            writer.WriteLine("_capacity = steps;");
            foreach (Buffer buffer in Buffers(spec))
                if (buffer.PerStep) writer.WriteLine(Invariant($"{buffer.Field} = new float[steps * {buffer.Width}];"));
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Values per sample of the output (and target): one per step when the output layer follows the sequence.</summary>");
        writer.WriteLine(spec.Output.OutputsSequence ? "private static int OutputLength(int steps) => steps * OutputSize;" : "private static int OutputLength(int steps) => OutputSize;");
    }

    /// <summary>The output of the last Forward: every step's, the last step's, or the one vector.</summary>
    internal static string OutputValues(NetworkSpec spec)
    {
        LayerSpec output = spec.Output;
        string buffer = Names.Output(output.Index);
        if (!output.RunsPerStep) return buffer;
        return output.OutputsSequence
            ? Invariant($"new {TypeNames.ReadOnlySpan}({buffer}, 0, _steps * OutputSize)")
            : Names.Span(buffer, output.OutputSize, "(_steps - 1)", readOnly: true);
    }

    /// <summary>LayerOutput and LayerPreActivation: read-only views of what Forward kept, for monitors such as GradientFlow.</summary>
    internal static void EmitWorkspaceViews(SourceWriter writer, NetworkSpec spec)
    {
        writer.WriteLine("/// <summary>After Forward: the output of layer <paramref name=\"layer\"/> (index into <see cref=\"Layers\"/>; 0 is the input), every step for a sequence.</summary>");
        using (writer.OpenBlock($"public {TypeNames.ReadOnlySpan} LayerOutput(int layer) => layer switch", closing: "};"))
        {
            foreach (LayerSpec layer in spec.Layers) writer.WriteLine(Invariant($"{layer.Index} => {WholeBuffer(Names.Output(layer.Index), layer.OutputSize, layer.RunsPerStep)},"));
            writer.WriteLine("_ => throw LayerOutOfRange(layer),");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>After Forward: the pre-activation z = W·x + b of layer <paramref name=\"layer\"/> (empty for the input and pooling layers; an LSTM's activated gates i, f, g, o).</summary>");
        using (writer.OpenBlock($"public {TypeNames.ReadOnlySpan} LayerPreActivation(int layer) => layer switch", closing: "};"))
        {
            foreach (LayerSpec layer in spec.Layers)
                if (!layer.Descriptor.HasPreActivation) writer.WriteLine(Invariant($"{layer.Index} => {TypeNames.ReadOnlySpan}.Empty,"));
            foreach (LayerSpec layer in spec.Layers)
                if (layer.Descriptor.HasPreActivation) writer.WriteLine(Invariant($"{layer.Index} => {WholeBuffer(Names.PreActivation(layer.Index), layer.Rows, layer.RunsPerStep)},"));
            writer.WriteLine("_ => throw LayerOutOfRange(layer),");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>After Backward: δ = dLoss/dz of a dense or simple recurrent layer (every step for a sequence); for an LSTM, dLoss/dh_t from the layers above it.</summary>");
        using (writer.OpenBlock($"public {TypeNames.ReadOnlySpan} LayerGradient(int layer) => layer switch", closing: "};"))
        {
            writer.WriteLine($"0 => {TypeNames.ReadOnlySpan}.Empty,");
            foreach (LayerSpec layer in spec.Layers)
                if (layer.Kind != LayerKind.Input) writer.WriteLine(Invariant($"{layer.Index} => {WholeBuffer(Names.OutputGradient(layer.Index), layer.OutputSize, layer.RunsPerStep)},"));
            writer.WriteLine("_ => throw LayerOutOfRange(layer),");
        }
        writer.WriteLine();
        writer.WriteLine(Invariant($"private static global::System.ArgumentOutOfRangeException LayerOutOfRange(int layer) => new(nameof(layer), layer, \"Layers are numbered 0 (the input) to {spec.Layers.Count - 1}.\");"));
    }

    internal static string WholeBuffer(string buffer, int width, bool perStep)
        => perStep ? Invariant($"new {TypeNames.ReadOnlySpan}({buffer}, 0, _steps * {width})") : buffer;
}
