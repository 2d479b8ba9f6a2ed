using System;
using System.Collections.Generic;
using System.Linq;
using NetGen;

/// <summary>The plot of the sample: log10 ‖∇W_l‖ per layer at initialisation, one line per network.</summary>
public static class GradientNormPlot
{
    /// <summary>
    /// Solid: measured. Dashed: predicted, the generated PredictedGradientScales times the measured ‖∇W‖ of the output layer
    /// (the analyzer predicts ratios only, so its line is anchored where the measured one ends).
    /// </summary>
    public static string Render(IReadOnlyList<Contender> contenders, IReadOnlyList<GradientFlowReport> reports)
    {
        var series = new List<PlotSeries>();
        for (int n = 0; n < contenders.Count; n++)
        {
            IReadOnlyList<LayerGradientFlow> layers = reports[n].Layers;
            double lastNorm = layers[^1].WeightGradientNorm;
            series.Add(new PlotSeries(contenders[n].Name, contenders[n].Color,
                layers.Select(l => Math.Log10(l.WeightGradientNorm)).ToArray(), Dashed: false));
            series.Add(new PlotSeries(null, contenders[n].Color,
                contenders[n].PredictedScales.Select(scale => Math.Log10(scale * lastNorm)).ToArray(), Dashed: true));
        }
        series.Add(new PlotSeries("measured (GradientFlow.Measure)", "#444", [], Dashed: false));
        series.Add(new PlotSeries("predicted (PredictedGradientScales\n× measured ‖∇W‖ of the output)", "#444", [], Dashed: true));

        return SvgPlot.Render($"Weight-gradient norm per layer at initialisation ({reports[0].Samples} digits)",
            "layer index l (weight layers, input → output)", "log10 ‖∇W_l‖ (Frobenius norm)",
            reports[0].Layers.Select(l => l.Name).ToArray(), series);
    }
}
