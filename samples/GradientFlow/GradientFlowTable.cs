using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NetGen;

/// <summary>Prints the analyzer's prediction beside <see cref="GradientFlow.Measure"/>'s measurement.</summary>
public static class GradientFlowTable
{
    /// <summary>R and G, predicted and measured, then one row per layer.</summary>
    public static void Write(TextWriter output, Contender contender, GradientFlowReport report)
    {
        IReadOnlyList<LayerGradientFlow> layers = report.Layers;
        string first = layers[0].Name, last = layers[^1].Name, lastHidden = layers[^2].Name;
        output.WriteLine($"At initialisation, on {report.Samples} standardised training samples:");
        output.WriteLine($"  {"",-44} {"predicted",10} {"measured",10}");
        output.WriteLine($"  {$"R = ‖∇W_{first}‖ / ‖∇W_{last}‖",-44} {Figures.Format(contender.PredictedRatio),10} {Figures.Format(report.Ratio),10}");
        output.WriteLine($"  {$"G = mean δ² of {first} / mean δ² of {lastHidden}",-44} {Figures.Format(contender.PredictedDeltaGain),10} {Figures.Format(report.DeltaGain),10}");
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
            output.WriteLine(Format(Row, layer.Name,
                layer.Activation + (residual is null ? "" : " + " + residual),
                Figures.Format(contender.PredictedScales[l]),
                Figures.Format(layer.WeightGradientNorm / lastNorm),
                Figures.Format(layer.WeightGradientNorm),
                saturating ? layer.SaturatedFraction.ToString("P1", CultureInfo.InvariantCulture) : "-",
                layer.Activation == Activation.Relu ? layer.DeadFraction.ToString("P1", CultureInfo.InvariantCulture) : "-"));
        }
        output.WriteLine($"  (grad scale = ‖∇W_l‖ / ‖∇W_{last}‖; saturated: |z| > 5 for sigmoid; dead: ReLU output 0 on every sample)");
    }

    private static string Format(string format, params object[] cells) => string.Format(CultureInfo.InvariantCulture, format, cells);
}
