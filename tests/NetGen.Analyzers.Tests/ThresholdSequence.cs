using System;
using System.Globalization;
using NetGen.Model;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Finds, with the analyzer's own recurrent figures (<see cref="RecurrentFlow"/>), the first SequenceLength at which a
/// recurrent network crosses a threshold, so "fires at T, not at T − 1" tests follow the model when it is recalibrated.
/// The counterpart of <see cref="ThresholdDepth"/> for depth through time.
/// </summary>
internal static class ThresholdSequence
{
    /// <summary>
    /// The smallest T in [<paramref name="shortest"/>, <paramref name="longest"/>] for which the recurrent layer
    /// (index 1) of <paramref name="source"/> of T satisfies <paramref name="crosses"/>; T − 1 must not. Throws when the
    /// network never crosses, or already does at its shortest length.
    /// </summary>
    public static int First(Func<int, string> source, string className, Func<NetworkSpec, int, bool> crosses, int shortest = 2, int longest = 100_000)
    {
        // The layers do not depend on SequenceLength: parse once.
        NetworkSpec spec = NetworkModel.Estimate(source(shortest), className).Spec;
        for (int steps = shortest; steps <= longest; steps++)
        {
            if (!crosses(spec, steps))
                continue;
            if (steps == shortest)
                throw new InvalidOperationException($"{className} already crosses at its shortest length {shortest}: no 'just below' network.");
            return steps;
        }
        throw new InvalidOperationException($"{className} does not cross within {longest} steps.");
    }

    /// <summary>NG0004's condition at the default threshold: the typical gradient over the sequence &lt; netgen.recurrent_gradient.</summary>
    public static bool RecurrentVanishes(NetworkSpec spec, int steps)
        => GradientFlowRules.IsRecurrentVanishing(spec.Layers[1], LogFigure(spec, steps), Thresholds.Default);

    /// <summary>NG0006's condition at the default fraction, for an LSTM or a GRU: the state gradient over the sequence &lt; e^(−2/fraction).</summary>
    public static bool GatedMemoryShort(NetworkSpec spec, int steps)
        => GradientFlowRules.IsShortGatedMemory(spec.Layers[1], LogFigure(spec, steps), Thresholds.Default);

    /// <summary>The analyzer's figure over <paramref name="steps"/> for recurrent layer <paramref name="layer"/> (RecurrentFlow.LogGradientOverSequence).</summary>
    public static double Figure(NetworkSpec spec, int steps, int layer = 1) => Math.Exp(LogFigure(spec, steps, layer));

    /// <summary>ln of <see cref="Figure"/>, which long sequences take below double's range.</summary>
    public static double LogFigure(NetworkSpec spec, int steps, int layer = 1)
        => RecurrentFlow.LogGradientOverSequence(spec, RecurrentFlow.Decays(spec), layer, steps);

    /// <summary>The per-step factor of recurrent layer <paramref name="layer"/> (RecurrentFlow.StepGains).</summary>
    public static double Gain(NetworkSpec spec, int layer = 1) => RecurrentFlow.Decays(spec)[layer]!.Value.Gain;
}

/// <summary>
/// Writes the source of a small sequence network: <c>In</c> (<c>inputs</c> values per step), one recurrent layer
/// <c>Memory</c> on line 7 and a linear output <c>Out</c> of one unit, with <c>[Network(SequenceLength = T)]</c>
/// (no SequenceLength when T is null).
/// </summary>
internal static class RecurrentSource
{
    /// <summary>The line of the recurrent layer in every source written here (1-based).</summary>
    public const int LayerLine = 7;

    /// <summary>
    /// <c>[Recurrent(units, Activation.{activation}{arguments})] public partial RecurrentLayer Memory</c>;
    /// <paramref name="markup"/> (e.g. "NG0004" or "#0") wraps the attribute in diagnostic markup.
    /// </summary>
    public static string Rnn(string name, int? steps, int units = 32, int inputs = 2, string activation = "Tanh", string arguments = "", string? markup = null)
        => Network(name, steps, inputs, $"Recurrent({units}, Activation.{activation}{arguments})", "RecurrentLayer", markup);

    /// <summary><c>[Lstm(units{arguments})] public partial LstmLayer Memory</c>.</summary>
    public static string Lstm(string name, int? steps, int units = 32, int inputs = 2, string arguments = "", string? markup = null)
        => Network(name, steps, inputs, $"Lstm({units}{arguments})", "LstmLayer", markup);

    /// <summary><c>[Gru(units{arguments})] public partial GruLayer Memory</c>.</summary>
    public static string Gru(string name, int? steps, int units = 32, int inputs = 2, string arguments = "", string? markup = null)
        => Network(name, steps, inputs, $"Gru({units}{arguments})", "GruLayer", markup);

    /// <summary>Columns (1-based) of the recurrent layer's attribute on <see cref="LayerLine"/>, for WithSpan.</summary>
    public static (int Start, int End) AttributeColumns(string source)
    {
        string line = source.Split('\n')[LayerLine - 1];
        int start = line.IndexOf('[') + 1;
        int end = line.IndexOf(")]", StringComparison.Ordinal) + 1;
        return (start + 1, end + 1);
    }

    private static string Network(string name, int? steps, int inputs, string attribute, string type, string? markup)
    {
        string networkArguments = steps is { } t ? "SequenceLength = " + t.ToString(CultureInfo.InvariantCulture) : "";
        string layer = markup is null ? attribute : "{|" + markup + ":" + attribute + "|}";
        return $$"""
            using NetGen;

            [Network({{networkArguments}})]
            public partial class {{name}}
            {
                [Input({{inputs}})] public partial InputLayer In { get; }
                [{{layer}}] public partial {{type}} Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }

            """;
    }
}
