using System;
using System.Globalization;

/// <summary>How the samples print the analyzer's figures beside their measurements.</summary>
public static class Figures
{
    /// <summary>Three significant figures, in scientific notation when far from 1; "?" for NaN (nothing predicted).</summary>
    public static string Format(double value) => value switch
    {
        double.NaN => "?",
        0 => "0",
        _ when Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e4 => value.ToString("G3", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00e+00", CultureInfo.InvariantCulture),
    };
}
