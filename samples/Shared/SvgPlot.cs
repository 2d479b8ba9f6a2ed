using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

/// <summary>One line of a plot: y values at x = 1, 2, …; NaN or infinite values leave a gap.</summary>
/// <param name="Label">Legend text (lines separated by '\n'), or null for no legend entry.</param>
/// <param name="Color">An SVG colour.</param>
/// <param name="Values">The y values; empty for an entry that only appears in the legend.</param>
/// <param name="Dashed">Dashed and thinner (a prediction) rather than solid with markers (a measurement).</param>
public sealed record PlotSeries(string? Label, string Color, double[] Values, bool Dashed);

/// <summary>A line chart written as SVG text by hand: axes, grid, tick labels, legend. No dependencies.</summary>
public static class SvgPlot
{
    private const double Width = 960, Height = 500;
    private const double Left = 80, Right = 620, Top = 60, Bottom = 410; // the plot area
    private const double Pad = 24; // between the plot area's sides and the first and last x
    private const string Font = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    /// <summary>
    /// The chart as an SVG document. <paramref name="xLabels"/> names x = 1, 2, … (shown under the index; it may be
    /// shorter than the series, or empty); the y axis is linear in the values given, with ticks at round numbers
    /// (1, 2 or 5 times a power of ten, at most about eight steps), and does not go below 0 when no value does.
    /// </summary>
    public static string Render(string title, string xTitle, string yTitle, IReadOnlyList<string> xLabels, IReadOnlyList<PlotSeries> series)
    {
        double[] finite = series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        if (finite.Length == 0) finite = [0, 1];
        double step = RoundStep((finite.Max() - finite.Min()) / 8), margin = 0.2 * step; // keeps points off the frame
        double yMin = Math.Floor((finite.Min() - margin) / step) * step, yMax = Math.Ceiling((finite.Max() + margin) / step) * step;
        if (finite.Min() >= 0) yMin = Math.Max(yMin, 0);
        int count = Math.Max(xLabels.Count, series.Max(s => s.Values.Length));
        double X(double index) => count <= 1 ? (Left + Right) / 2 : Left + Pad + (index - 1) * (Right - Left - 2 * Pad) / (count - 1);
        double Y(double value) => Bottom - (value - yMin) / (yMax - yMin) * (Bottom - Top);

        var svg = new StringBuilder();
        Line(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" font-family=\"{Font}\">");
        Line(svg, $"  <rect width=\"{N(Width)}\" height=\"{N(Height)}\" fill=\"white\"/>");
        Line(svg, $"  <text x=\"{N((Left + Right) / 2)}\" y=\"32\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Escape(title)}</text>");

        // Grid and y ticks, each computed from its index: adding up a step such as 0.1 would drift.
        for (int tick = 0; yMin + tick * step <= yMax + step / 2; tick++)
        {
            double y = yMin + tick * step;
            Line(svg, $"  <line x1=\"{N(Left)}\" y1=\"{N(Y(y))}\" x2=\"{N(Right)}\" y2=\"{N(Y(y))}\" stroke=\"#e0e0e0\"/>");
            Line(svg, $"  <text x=\"{N(Left - 8)}\" y=\"{N(Y(y) + 4)}\" text-anchor=\"end\" font-size=\"12\">{N(y).Replace('-', '−')}</text>");
        }
        // x ticks: the index, and the name below it.
        for (int i = 1; i <= count; i++)
        {
            Line(svg, $"  <line x1=\"{N(X(i))}\" y1=\"{N(Bottom)}\" x2=\"{N(X(i))}\" y2=\"{N(Bottom + 5)}\" stroke=\"black\"/>");
            Line(svg, $"  <text x=\"{N(X(i))}\" y=\"{N(Bottom + 19)}\" text-anchor=\"middle\" font-size=\"12\">{i}</text>");
            if (i <= xLabels.Count)
                Line(svg, $"  <text x=\"{N(X(i))}\" y=\"{N(Bottom + 34)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{Escape(xLabels[i - 1])}</text>");
        }
        Line(svg, $"  <polyline points=\"{N(Left)},{N(Top)} {N(Left)},{N(Bottom)} {N(Right)},{N(Bottom)}\" fill=\"none\" stroke=\"black\"/>");
        Line(svg, $"  <text x=\"{N((Left + Right) / 2)}\" y=\"{N(Bottom + 60)}\" text-anchor=\"middle\" font-size=\"13\">{Escape(xTitle)}</text>");
        Line(svg, $"  <text transform=\"translate(24 {N((Top + Bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">{Escape(yTitle)}</text>");

        // The lines, split where a value is missing; the dashed ones after the solid ones so they stay visible.
        foreach (PlotSeries s in series.OrderBy(s => s.Dashed))
        {
            var segment = new List<string>();
            for (int i = 0; i <= s.Values.Length; i++)
            {
                if (i < s.Values.Length && double.IsFinite(s.Values[i]))
                {
                    segment.Add($"{N(X(i + 1))},{N(Y(s.Values[i]))}");
                    continue;
                }
                if (segment.Count > 0)
                    Line(svg, $"  <polyline points=\"{string.Join(" ", segment)}\" fill=\"none\" stroke=\"{s.Color}\" {Stroke(s.Dashed)}/>");
                segment.Clear();
            }
            if (!s.Dashed)
                for (int i = 0; i < s.Values.Length; i++)
                    if (double.IsFinite(s.Values[i]))
                        Line(svg, $"  <circle cx=\"{N(X(i + 1))}\" cy=\"{N(Y(s.Values[i]))}\" r=\"3.5\" fill=\"{s.Color}\"/>");
        }

        // Legend, right of the plot area.
        double top = Top + 6;
        foreach (PlotSeries s in series.Where(s => s.Label is not null))
        {
            double middle = top + 4;
            Line(svg, $"  <line x1=\"{N(Right + 20)}\" y1=\"{N(middle)}\" x2=\"{N(Right + 52)}\" y2=\"{N(middle)}\" stroke=\"{s.Color}\" {Stroke(s.Dashed)}/>");
            if (!s.Dashed) Line(svg, $"  <circle cx=\"{N(Right + 36)}\" cy=\"{N(middle)}\" r=\"3.5\" fill=\"{s.Color}\"/>");
            string[] lines = s.Label!.Split('\n');
            for (int k = 0; k < lines.Length; k++)
                Line(svg, $"  <text x=\"{N(Right + 60)}\" y=\"{N(middle + 4 + 15 * k)}\" font-size=\"12\">{Escape(lines[k])}</text>");
            top += 15 * lines.Length + 9;
        }
        Line(svg, "</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="least"/> (1 for an empty range).</summary>
    private static double RoundStep(double least)
    {
        if (!(least > 0)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(least)));
        foreach (double factor in new[] { 1.0, 2, 5, 10 })
            if (factor * power >= least * (1 - 1e-9)) return factor * power;
        return 10 * power;
    }

    private static string Stroke(bool dashed) => dashed ? "stroke-width=\"1.6\" stroke-dasharray=\"6 4\"" : "stroke-width=\"2.5\"";

    private static void Line(StringBuilder svg, string text) => svg.Append(text).Append('\n');

    /// <summary>A number in SVG's syntax, whatever the current culture.</summary>
    private static string N(double value) => (Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture); // + 0.0: no "-0"

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
