using System.Threading;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Forward (one sample and a batch), LoadInput and ForwardCore, one block per layer.</summary>
    private static void EmitForward(SourceWriter writer, NetworkSpec spec, CancellationToken cancellationToken)
    {
        string output = OutputValues(spec);
        bool recurrent = spec.IsRecurrent;
        writer.WriteLine();
        writer.WriteLine(recurrent
            ? "/// <summary>Runs one sequence (steps × InputSize values, step-major) forward and keeps what <see cref=\"Backward\"/> needs.</summary>"
            : "/// <summary>Runs one sample forward and keeps what <see cref=\"Backward\"/> needs.</summary>");
        using (writer.OpenBlock("public void Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output)"))
        {
            writer.WriteLine("LoadInput(input);");
            writer.WriteLine(recurrent
                ? "global::NetGen.NetworkArguments.CheckLength(output.Length, OutputLength(_steps), \"the output\", nameof(output));"
                : "global::NetGen.NetworkArguments.CheckLength(output.Length, OutputSize, \"the output\", nameof(output));");
            writer.WriteLine("ForwardCore();");
            writer.WriteLine($"{Span(output)}.CopyTo(output);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Runs <paramref name=\"batchSize\"/> samples forward; rows of <paramref name=\"inputs\"/> and <paramref name=\"outputs\"/> are samples.</summary>");
        using (writer.OpenBlock("public void Forward(global::System.ReadOnlySpan<float> inputs, global::System.Span<float> outputs, int batchSize)"))
        {
            EmitBatchShape(writer, spec, "outputs");
            using (writer.OpenBlock("for (int sample = 0; sample < batchSize; sample++)"))
            {
                writer.WriteLine("LoadInput(inputs.Slice(sample * inputLength, inputLength));");
                writer.WriteLine("ForwardCore();");
                writer.WriteLine($"{Span(output)}.CopyTo(outputs.Slice(sample * outputLength, outputLength));");
            }
        }
        writer.WriteLine();
        using (writer.OpenBlock("private void LoadInput(global::System.ReadOnlySpan<float> input)"))
        {
            if (recurrent)
            {
                writer.WriteLine("_steps = global::NetGen.NetworkArguments.SequenceSteps(input.Length, InputSize, 1, nameof(input));");
                writer.WriteLine("EnsureCapacity(_steps);");
            }
            else
                writer.WriteLine("global::NetGen.NetworkArguments.CheckLength(input.Length, InputSize, \"the input\", nameof(input));");
            writer.WriteLine($"input.CopyTo({Names.Output(0)});");
        }
        EmitSequenceCapacity(writer, spec);
        writer.WriteLine();
        EmitWorkspaceViews(writer, spec);
        writer.WriteLine();
        using (writer.OpenBlock("private void ForwardCore()"))
        {
            writer.WriteLine("global::System.ReadOnlySpan<float> p = _parameters;");
            foreach (LayerSpec layer in spec.Layers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (layer.Kind)
                {
                    case LayerKind.Dense: EmitDenseForward(writer, spec, layer); break;
                    case LayerKind.Recurrent: EmitRecurrentForward(writer, spec, layer); break;
                    case LayerKind.Lstm: EmitLstmForward(writer, spec, layer); break;
                }
            }
            writer.WriteLine("_hasForward = true;");
        }
    }

    /// <summary>
    /// Checks a batch and names its per-sample lengths: inputLength, and the length of the other span
    /// (<paramref name="other"/>: outputs or targets), which for sequences depend on the step count.
    /// </summary>
    private static void EmitBatchShape(SourceWriter writer, NetworkSpec spec, string other)
    {
        if (spec.IsRecurrent)
        {
            writer.WriteLine("int steps = global::NetGen.NetworkArguments.SequenceSteps(inputs.Length, InputSize, batchSize, nameof(inputs));");
            writer.WriteLine($"int inputLength = steps * InputSize, outputLength = OutputLength(steps);");
            writer.WriteLine($"global::NetGen.NetworkArguments.CheckLength({other}.Length, batchSize * outputLength, \"the {other} of \" + batchSize + \" sequences\", nameof({other}));");
        }
        else
        {
            writer.WriteLine($"global::NetGen.NetworkArguments.CheckBatch(batchSize, inputs.Length, InputSize, {other}.Length, OutputSize, nameof({other}));");
            writer.WriteLine("const int inputLength = InputSize, outputLength = OutputSize;");
        }
    }

    /// <summary>An array field as a span expression that can be copied from.</summary>
    private static string Span(string expression)
        => expression.StartsWith("new ", System.StringComparison.Ordinal) ? $"({expression})" : $"new global::System.ReadOnlySpan<float>({expression})";
}
