using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using NetGen.Numerics;
using NetGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0004's prediction held against measurement: for simple recurrent layers over T ∈ {5, 10, 20, 50}, the
/// predicted gradient from the last step back to the first, χ_r^(T−1), against GradientFlow.MeasureThroughTime.
/// </summary>
public class RecurrentCalibrationTests(ITestOutputHelper output)
{
    private const int Samples = 48;

    public sealed record GridRnn(string Name, Activation Activation, Init RecurrentInit, int Width, int Inputs)
    {
        public string Source() => string.Create(CultureInfo.InvariantCulture, $$"""
            [NetGen.Network] public partial class {{Name}} {
              [NetGen.Input({{Inputs}})] public partial NetGen.InputLayer In { get; }
              [NetGen.Recurrent({{Width}}, NetGen.Activation.{{Activation}}, RecurrentInit = NetGen.Init.{{RecurrentInit}})] public partial NetGen.RecurrentLayer Rnn { get; }
              [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """);
    }

    private static readonly GridRnn[] Grid =
    [
        new("TanhOrthogonal", Activation.Tanh, Init.Orthogonal, 32, 2),
        new("TanhGlorot", Activation.Tanh, Init.Glorot, 16, 4),
        new("SigmoidOrthogonal", Activation.Sigmoid, Init.Orthogonal, 32, 2),
        new("TanhLeCunWide", Activation.Tanh, Init.LeCun, 64, 8),
        new("ReluOrthogonal", Activation.Relu, Init.Orthogonal, 32, 2),
        new("TanhOrthogonalNarrow", Activation.Tanh, Init.Orthogonal, 8, 1),
    ];

    private static readonly int[] Lengths = [5, 10, 20, 50];

    [Fact]
    public void PredictedGradientThroughTimeMatchesTheMeasuredOne()
        // The prediction is a mean square, E[‖δ‖²]; the measurement a geometric mean over sequences. Products of
        // random matrices make the latter decay a little faster (log E > E log), most for narrow non-orthogonal
        // W_hh and ReLU: that is where a verdict near the threshold can differ, hence 90 % rather than the
        // feed-forward grid's 95 % for the verdicts.
    {
        string[] sources = Grid.Select(network => network.Source()).ToArray();
        Assembly assembly = GeneratorHarness.CompileAndLoad(sources);
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        var table = new StringBuilder("network            T    predicted    measured     NG0004 (predicted | measured)\n");
        var errors = new List<double>();
        int agree = 0, total = 0;
        foreach (GridRnn network in Grid)
        {
            NetworkSpec spec = Parse(compilation, network.Name);
            foreach (int steps in Lengths)
            {
                var net = (INetwork)Activator.CreateInstance(assembly.GetType(network.Name)!)!;
                var random = new SeededRandom(steps);
                var inputs = new float[Samples * steps * network.Inputs];
                var targets = new float[Samples];
                for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
                for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextNormal();
                double measured = GradientFlow.MeasureThroughTime(net, 1, inputs, targets, Samples)[0];
                double predicted = ThresholdSequence.Figure(spec, steps);
                errors.Add(Math.Abs(Math.Log10(predicted) - Math.Log10(measured)));
                bool predictedVerdict = predicted < Thresholds.Default.RecurrentGradient, measuredVerdict = measured < Thresholds.Default.RecurrentGradient;
                agree += predictedVerdict == measuredVerdict ? 1 : 0;
                total++;
                table.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-18} {1,2}   {2,10:0.00e+00}   {3,10:0.00e+00}   {4} | {5}",
                    network.Name, steps, predicted, measured, predictedVerdict ? "fires" : "-", measuredVerdict ? "fires" : "-"));
            }
        }
        double median = errors.Order().ElementAt(errors.Count / 2);
        table.AppendLine(string.Format(CultureInfo.InvariantCulture, "median |log10 error| {0:F2} decades; NG0004 verdicts agree on {1} of {2}", median, agree, total));
        output.WriteLine(table.ToString());
        Assert.True(median <= 0.5, table.ToString());
        Assert.True(agree >= 0.9 * total, table.ToString());
    }

    private static NetworkSpec Parse(Compilation compilation, string name)
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(name)!;
        return NetworkParser.Parse(type, type.GetAttributes().Single(a => a.AttributeClass?.Name == "NetworkAttribute"), default);
    }
}
