using System.Text;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// A table like Keras' model.summary(), fixed at compile time, with the predicted gradient scale of
    /// each layer: ‖∇W‖ relative to the output layer's at initialisation.
    /// </summary>
    internal static void EmitSummary(SourceWriter writer, NetworkSpec spec, GradientFlowPrediction prediction)
    {
        // Keras' model.summary() layout: "Name (Kind)", an output shape with None for the batch (and T for the
        // steps of a sequence; channels first, as PyTorch, for convolutions), "Param #" with thousands separators; then NetGen's activation and gradient columns.
        const string Format = "{0,-28} {1,-20} {2,12}  {3,-20} {4,12}";
        const int Width = 96;
        var table = new StringBuilder();
        table.AppendLine(Invariant($"Model: \"{spec.ClassName}\""));
        table.AppendLine(new string('_', Width));
        table.AppendLine(Row(Format, "Layer (type)", "Output Shape", "Param #", "Activation", "Grad scale").TrimEnd());
        table.AppendLine(new string('=', Width));
        foreach (LayerSpec layer in spec.Layers)
        {
            bool isInput = !layer.Descriptor.HasParameters; // the input and pooling: no activation, no gradient
            string activation = isInput ? "" : layer.Activation.ToString() + (layer.HasResidual ? " + " + layer.ResidualName : "");
            string scale = isInput ? "" : layer.IsRecurrentKind
                ? Figures.Format(prediction.Layers[layer.Index].StepGain) + "/step"
                : Figures.Format(prediction.Layers[layer.Index].WeightGradientScale);
            string shape = layer.OutputShape.ToString();
            // As Keras counts a batch normalisation's moving mean and variance: in its Param #, and as non-trainable.
            table.AppendLine(Row(Format, $"{layer.PropertyName} ({layer.Kind})", shape, Invariant($"{layer.ParameterCount + layer.BufferCount:N0}"), activation, scale).TrimEnd());
        }
        int total = spec.ParameterCount + spec.BufferCount;
        table.AppendLine(new string('=', Width));
        table.AppendLine(Invariant($"Total params: {total:N0} ({Bytes(4L * total)})"));
        table.AppendLine(Invariant($"Trainable params: {spec.ParameterCount:N0} ({Bytes(4L * spec.ParameterCount)})"));
        table.AppendLine(Invariant($"Non-trainable params: {spec.BufferCount:N0} ({Bytes(4L * spec.BufferCount)})"));
        table.AppendLine(new string('_', Width));
        table.Append(spec.IsRecurrent
            ? "Predicted at initialisation: per step back in time, the gradient's mean square × the recurrent layers' figure"
              + (spec.SequenceLength > 1 ? Invariant($" (over SequenceLength = {spec.SequenceLength} steps: that figure to the power {spec.SequenceLength - 1})") : "")
            : "Predicted at initialisation: gradient ratio R = " + Figures.Format(prediction.Ratio) + ", δ-gain G = " + Figures.Format(prediction.DeltaGain));

        writer.WriteLine("/// <summary>Layers, output sizes, parameter counts and activations, as a text table.</summary>");
        EmitTextLines(writer, "public static string Summary =>", table.ToString().Replace("\r", "").Split('\n'));
    }

    /// <summary>
    /// <paramref name="declaration"/>, then <paramref name="lines"/> as one C# string, a literal per line joined by '\n'
    /// (whatever the generated file's line endings), so that the text reads as itself in the generated file; a last
    /// empty line is the text's final '\n', at the end of the line before it.
    /// </summary>
    internal static void EmitTextLines(SourceWriter writer, string declaration, System.Collections.Generic.IReadOnlyList<string> lines)
    {
        writer.WriteLine(declaration);
        bool endsWithNewline = lines.Count > 1 && lines[lines.Count - 1].Length == 0;
        int last = lines.Count - (endsWithNewline ? 2 : 1);
        for (int i = 0; i <= last; i++)
            writer.WriteLine("    " + Names.Literal(lines[i] + (i < last || endsWithNewline ? "\n" : "")) + (i < last ? " +" : ";"));
    }

    /// <summary>A byte count as Keras prints it: "397.54 KB" (1024-based units, two decimals).</summary>
    internal static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return Invariant($"{value:F2} {units[unit]}");
    }

    internal static string Row(string format, params object[] cells) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, cells);
}
