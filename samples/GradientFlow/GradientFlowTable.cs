using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;

/// <summary>Prints the analyzer's prediction beside <see cref="GradientFlow.Measure"/>'s measurement.</summary>
public static class GradientFlowTable
{
    /// <summary>R and G, predicted and measured, then one row per layer.</summary>
    public static void Write(TextWriter output, Contender contender, GradientFlowReport report)
    {
        IReadOnlyList<LayerGradientFlow> layers = report.Layers;
        string first = layers[0].Name, last = layers[^1].Name;
        output.WriteLine($"At initialisation, on {report.Samples} standardised training samples:");
        output.WriteLine($"  {"",-44} {"predicted",10} {"measured",10}");
        output.WriteLine($"  {$"R = ‖∇W_{first}‖ / ‖∇W_{last}‖",-44} {Figures.Format(contender.PredictedRatio),10} {Figures.Format(report.Ratio),10}");
        output.WriteLine($"  {"G = mean δ², first / last hidden layer",-44} {Figures.Format(contender.PredictedDeltaGain),10} {Figures.Format(report.DeltaGain),10}");
        output.WriteLine($"  {$"forward growth, mean z² of {last} / of {first}",-44} {"",10} {Figures.Format(report.ForwardGrowth),10}");
        output.WriteLine();

        const string Row = "  {0,-8} {1,-14} {2,11} {3,11} {4,10} {5,10} {6,8}";
        double lastNorm = layers[^1].WeightGradientNorm;
        output.WriteLine(Format(Row, "", "", "grad scale", "grad scale", "measured", "", "").TrimEnd());
        output.WriteLine(Format(Row, "Layer", "Activation", "predicted", "measured", "‖∇W_l‖", "saturated", "dead"));
        for (int l = 0; l < layers.Count; l++)
        {
            LayerGradientFlow layer = layers[l];
            bool saturating = layer.Activation is Activation.Sigmoid or Activation.Tanh;
            string? residual = contender.Network.Layers[l + 1].Residual;
            string kind = contender.Network.Layers[l + 1].Kind == LayerKind.BatchNorm ? "BN, " : "";
            output.WriteLine(Format(Row, layer.Name,
                kind + layer.Activation + (residual is null ? "" : " + " + residual),
                Figures.Format(contender.PredictedScales[l]),
                Figures.Format(layer.WeightGradientNorm / lastNorm),
                Figures.Format(layer.WeightGradientNorm),
                saturating ? Percent(layer.SaturatedFraction) : "-",
                layer.Activation == Activation.Relu ? Percent(layer.DeadFraction) : "-"));
        }
        output.WriteLine($"  (grad scale = ‖∇W_l‖ / ‖∇W_{last}‖; BN: batch norm, then the activation of γ·x̂ + β = z; saturated: |z| > 5 for sigmoid;");
        output.WriteLine("   dead: ReLU output 0 on every sample; ?: not measured)");
    }

    /// <summary>
    /// Deep networks side by side: the gradient scale ‖∇W_l‖ / ‖∇W_last‖, predicted and measured, of the layers named
    /// <paramref name="layerNames"/> (which every network has), then R.
    /// </summary>
    public static void WriteSideBySide(TextWriter output, IReadOnlyList<Contender> contenders, IReadOnlyList<GradientFlowReport> reports,
        IReadOnlyList<string> layerNames)
    {
        output.WriteLine($"  {"",-8}" + string.Concat(contenders.Select(c => $" {c.Name,25}")));
        output.WriteLine($"  {"Layer",-8}" + string.Concat(contenders.Select(_ => $" {"predicted",12} {"measured",12}")));
        foreach (string name in layerNames)
        {
            output.Write($"  {name,-8}");
            for (int n = 0; n < contenders.Count; n++)
            {
                IReadOnlyList<LayerGradientFlow> layers = reports[n].Layers;
                int l = IndexOf(layers, name);
                output.Write($" {Figures.Format(contenders[n].PredictedScales[l]),12} {Figures.Format(layers[l].WeightGradientNorm / layers[^1].WeightGradientNorm),12}");
            }
            output.WriteLine();
        }
        output.WriteLine($"  {"R",-8}" + string.Concat(contenders.Select((c, n) => $" {Figures.Format(c.PredictedRatio),12} {Figures.Format(reports[n].Ratio),12}")));
        output.WriteLine($"  (gradient scale ‖∇W_l‖ / ‖∇W_{reports[0].Layers[^1].Name}‖ of the dense layers; R is that of the first)");
    }

    private static int IndexOf(IReadOnlyList<LayerGradientFlow> layers, string name)
    {
        for (int l = 0; l < layers.Count; l++) if (layers[l].Name == name) return l;
        throw new ArgumentException($"No layer named {name}.", nameof(name));
    }

    /// <summary>"?" for NaN: GradientFlow.Measure reports no forward figures for what it does not measure.</summary>
    private static string Percent(double fraction) => double.IsNaN(fraction) ? "?" : fraction.ToString("P1", CultureInfo.InvariantCulture);

    private static string Format(string format, params object[] cells) => string.Format(CultureInfo.InvariantCulture, format, cells);
}
