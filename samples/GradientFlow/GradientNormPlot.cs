using System;
using System.Collections.Generic;
using System.Linq;
using NetGen;

/// <summary>The plots of the sample: log10 ‖∇W_l‖ per dense layer at initialisation, one line per network.</summary>
public static class GradientNormPlot
{
    /// <summary>
    /// Solid: measured. Dashed: predicted, the generated PredictedGradientScales times the measured ‖∇W‖ of the output layer
    /// (the analyzer predicts ratios only, so its line is anchored where the measured one ends). Only the dense layers are
    /// drawn, so that networks with and without batch normalisation share the x axis.
    /// </summary>
    public static string Render(string networks, IReadOnlyList<Contender> contenders, IReadOnlyList<GradientFlowReport> reports)
    {
        var series = new List<PlotSeries>();
        for (int n = 0; n < contenders.Count; n++)
        {
            int[] dense = DenseLayers(contenders[n]);
            IReadOnlyList<LayerGradientFlow> layers = reports[n].Layers;
            double lastNorm = layers[^1].WeightGradientNorm;
            series.Add(new PlotSeries(contenders[n].Name, contenders[n].Color,
                dense.Select(l => Math.Log10(layers[l].WeightGradientNorm)).ToArray(), Dashed: false));
            series.Add(new PlotSeries(null, contenders[n].Color,
                dense.Select(l => Math.Log10(contenders[n].PredictedScales[l] * lastNorm)).ToArray(), Dashed: true));
        }
        series.Add(new PlotSeries("measured (GradientFlow.Measure)", "#444", [], Dashed: false));
        series.Add(new PlotSeries("predicted (PredictedGradientScales\n× measured ‖∇W‖ of the output)", "#444", [], Dashed: true));

        return SvgPlot.Render($"Weight-gradient norm per layer at initialisation, {networks} ({reports[0].Samples} digits)",
            "dense layer (input → output)", "log10 ‖∇W_l‖ (Frobenius norm)",
            DenseLayers(contenders[0]).Select(l => reports[0].Layers[l].Name).ToArray(), series);
    }

    /// <summary>Indices into the report's layers (Layers from 1) of the dense layers.</summary>
    private static int[] DenseLayers(Contender contender) =>
        Enumerable.Range(0, contender.Network.Layers.Count - 1).Where(l => contender.Network.Layers[l + 1].Kind == LayerKind.Dense).ToArray();
}
