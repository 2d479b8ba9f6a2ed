using System;
using System.Globalization;

namespace NetGen.Model;

/// <summary>How predicted figures are shown to people (messages, Summary): two significant digits, invariant.</summary>
internal static class Figures
{
    /// <summary>"0.056", "1.2" or "110" for moderate values, "4.1e-06" for very small or large ones.</summary>
    public static string Format(double value)
        => double.IsNaN(value) ? "n/a"
            : double.IsInfinity(value) ? value.ToString(CultureInfo.InvariantCulture)
            : value == 0 || (Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e4) ? RoundToTwoDigits(value).ToString("0.#####", CultureInfo.InvariantCulture)
            : value.ToString("0.0e+00", CultureInfo.InvariantCulture);

    private static double RoundToTwoDigits(double value)
    {
        if (value == 0) return 0;
        double unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 1);
        return Math.Round(value / unit) * unit;
    }
}
