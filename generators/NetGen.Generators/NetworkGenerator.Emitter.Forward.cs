using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Forward (one sample and a batch), LoadInput and ForwardCore, one block per layer.</summary>
    internal static void EmitForward(SourceWriter writer, NetworkSpec spec)
    {
        string output = OutputValues(spec);
        bool recurrent = spec.IsRecurrent;
        writer.WriteLine();
        writer.WriteLine(recurrent
            ? "/// <summary>Runs one sequence (steps × InputSize values, step-major) forward and keeps what <see cref=\"Backward\"/> needs.</summary>"
            : "/// <summary>Runs one sample forward and keeps what <see cref=\"Backward\"/> needs.</summary>");
        using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} input, {TypeNames.Span} output)"))
        {
            // Every argument is checked before anything is loaded, so a rejected call leaves the last Forward for Backward.
            writer.WriteLine("int steps = StepsOf(input);");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(output.Length, OutputLength(steps), \"the output\", nameof(output));");
            writer.WriteLine("LoadInput(input, steps);");
            writer.WriteLine("ForwardCore();");
            writer.WriteLine($"{Span(output)}.CopyTo(output);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Runs <paramref name=\"batchSize\"/> samples forward; rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/> are samples.</summary>");
        using (writer.OpenBlock($"public void Forward({TypeNames.ReadOnlySpan} inputs, {TypeNames.Span} outputs, int batchSize)"))
        {
            EmitBatchShape(writer, spec, "outputs");
            if (HasBatchPath(spec))
            {
                writer.WriteLine("ForwardBatch(inputs, batchSize, training: false);");
                writer.WriteLine($"{BatchSpan(Batch(Names.Output(spec.Output.Index)), spec.OutputSize, readOnly: true)}.CopyTo(outputs);");
            }
            else
                using (writer.OpenBlock("for (int sample = 0; sample < batchSize; sample++)"))
                {
                    writer.WriteLine("LoadInput(inputs.Slice(sample * inputLength, inputLength), steps);");
                    writer.WriteLine("ForwardCore();");
                    writer.WriteLine($"{Span(output)}.CopyTo(outputs.Slice(sample * outputLength, outputLength));");
                }
        }
        writer.WriteLine();
        writer.WriteLine(recurrent
            ? "/// <summary>The steps of one input sequence; throws unless its length is a positive multiple of InputSize.</summary>"
            : "/// <summary>Checks one input's length; a feed-forward network has one step.</summary>");
        using (writer.OpenBlock($"private static int StepsOf({TypeNames.ReadOnlySpan} input)"))
        {
            if (recurrent)
                writer.WriteLine($"return {TypeNames.NetworkArguments}.SequenceSteps(input.Length, InputSize, 1, nameof(input));");
            else
            {
                writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength(input.Length, InputSize, \"the input\", nameof(input));");
                writer.WriteLine("return 1;");
            }
        }
        writer.WriteLine();
        using (writer.OpenBlock($"private void LoadInput({TypeNames.ReadOnlySpan} input, int steps)"))
        {
            if (recurrent)
            {
                writer.WriteLine("_steps = steps;");
                writer.WriteLine("EnsureCapacity(steps);");
            }
            writer.WriteLine($"input.CopyTo({Names.Output(0)});");
        }
        EmitSequenceCapacity(writer, spec);
        writer.WriteLine();
        EmitWorkspaceViews(writer, spec);
        writer.WriteLine();
        using (writer.OpenBlock("private void ForwardCore()"))
        {
            writer.WriteLine($"{TypeNames.ReadOnlySpan} p = _parameters.Span;");
            foreach (LayerSpec layer in spec.Layers)
                Layers.LayerEmitters.Of(layer).EmitForward(writer, spec, layer);
            writer.WriteLine("_hasForward = true;");
        }
    }

    /// <summary>
    /// Checks a batch and names its per-sample lengths: inputLength, and the length of the other span
    /// (<paramref name="other"/>: outputs or targets), which for sequences depend on the step count; the batch path
    /// of a feed-forward network needs no per-sample lengths.
    /// </summary>
    internal static void EmitBatchShape(SourceWriter writer, NetworkSpec spec, string other)
    {
        if (spec.IsRecurrent)
        {
            writer.WriteLine($"int steps = {TypeNames.NetworkArguments}.SequenceSteps(inputs.Length, InputSize, batchSize, nameof(inputs));");
            writer.WriteLine($"int inputLength = steps * InputSize, outputLength = OutputLength(steps);");
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckLength({other}.Length, batchSize * outputLength, \"the {other} of the batch\", nameof({other}));");
        }
        else
        {
            writer.WriteLine($"{TypeNames.NetworkArguments}.CheckBatch(batchSize, inputs.Length, InputSize, {other}.Length, OutputSize, nameof({other}));");
            if (!HasBatchPath(spec)) writer.WriteLine("const int steps = 1, inputLength = InputSize, outputLength = OutputSize;");
        }
    }

    /// <summary>An array field as a span expression that can be copied from.</summary>
    internal static string Span(string expression)
        => expression.StartsWith("new ", System.StringComparison.Ordinal) ? $"({expression})" : $"new {TypeNames.ReadOnlySpan}({expression})";
}
