using System.Globalization;

namespace NetGen;

/// <summary>Counts in messages, with the noun in the right number: "Expected 1 value", "got 3 values".</summary>
internal static class Counted
{
    /// <summary>"1 value", "0 values", "3 values" (<paramref name="plural"/> defaults to the singular plus "s").</summary>
    public static string Of(long count, string singular, string? plural = null)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count is 1 or -1 ? singular : plural ?? singular + "s");

    /// <inheritdoc cref="Of(long, string, string?)"/>
    public static string Of(ulong count, string singular, string? plural = null)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    /// <summary>"1 value", "3 values".</summary>
    public static string Values(long count) => Of(count, "value");
}
