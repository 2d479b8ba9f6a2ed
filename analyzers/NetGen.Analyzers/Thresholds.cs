using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Analyzers;

/// <summary>
/// The figures at which the gradient-flow warnings fire (SPEC §4), each overridable in .editorconfig,
/// e.g. <c>netgen.vanishing_ratio = 0.001</c>. Severities go through the standard
/// <c>dotnet_diagnostic.NG0001.severity</c>. <see cref="LstmMemoryFraction"/> (<c>netgen.lstm_memory_fraction</c>, named when
/// the LSTM was the only gated kind) is NG0006's share of SequenceLength for every kind with a memory gate: LSTM and GRU.
/// </summary>
internal sealed record Thresholds(
    double VanishingRatio,
    double ExplodingRatio,
    double ExplodingForwardGrowth,
    double InitGainMin,
    double InitGainMax,
    double ResidualGrowth,
    double RecurrentGradient,
    double LstmMemoryFraction)
{
    public static readonly Thresholds Default = new(1e-2, 1e2, 1e4, 1e-3, 1e3, 1e3, 1e-6, 0.1);

    public static Thresholds Read(AnalyzerConfigOptions options) => new(
        Get(options, "netgen.vanishing_ratio", Default.VanishingRatio),
        Get(options, "netgen.exploding_ratio", Default.ExplodingRatio),
        Get(options, "netgen.exploding_forward_growth", Default.ExplodingForwardGrowth),
        Get(options, "netgen.init_gain_min", Default.InitGainMin),
        Get(options, "netgen.init_gain_max", Default.InitGainMax),
        Get(options, "netgen.residual_growth", Default.ResidualGrowth),
        Get(options, "netgen.recurrent_gradient", Default.RecurrentGradient),
        Get(options, "netgen.lstm_memory_fraction", Default.LstmMemoryFraction));

    /// <summary>A positive number from .editorconfig, or the default when the key is missing or not a positive number.</summary>
    private static double Get(AnalyzerConfigOptions options, string key, double fallback)
        => options.TryGetValue(key, out string? text)
           && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
           && value > 0 && !double.IsInfinity(value)
            ? value
            : fallback;
}
