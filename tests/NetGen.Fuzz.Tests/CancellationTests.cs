using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generators;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// The IDE cancels a generator run on every keystroke: the parser, the estimator and the emitters must stop
/// (OperationCanceledException) rather than finish a many-layer network.
/// </summary>
public class CancellationTests
{
    private const int HiddenLayers = 200;

    private static readonly string ManyLayers =
        "using NetGen;\n[Network]\npublic partial class Deep\n{\n    [Input(8)] public partial InputLayer In { get; }\n"
        + string.Concat(Enumerable.Range(1, HiddenLayers).Select(i => $"    [Dense(8, Activation.Tanh)] public partial DenseLayer H{i} {{ get; }}\n"))
        + "    [Dense(2)] public partial DenseLayer Out { get; }\n}\n";

    private static readonly CancellationToken Cancelled = new(canceled: true);

    [Fact]
    public void DriverStopsOnACancelledToken()
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(ManyLayers);
        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorHarness.CreateDriver().RunGenerators(compilation, Cancelled));
    }

    [Fact]
    public void ParserStopsOnACancelledToken()
    {
        (INamedTypeSymbol type, AttributeData attribute) = ParsedNetwork.Declaration(ManyLayers, "Deep");
        Assert.ThrowsAny<OperationCanceledException>(() => NetworkParser.Parse(type, attribute, Cancelled));
    }

    [Fact]
    public void EstimatorStopsOnACancelledToken()
        => Assert.ThrowsAny<OperationCanceledException>(() => GradientFlowEstimator.Estimate(ParsedDeep(), Cancelled));

    [Fact]
    public void EmittersStopOnACancelledToken()
    {
        NetworkSpec spec = ParsedDeep();
        Assert.ThrowsAny<OperationCanceledException>(() => NetworkGenerator.Emit(spec, Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => NetworkGenerator.EmitStubs(spec, Cancelled));
    }

    /// <summary>The same network with a live token is generated in full: the checks above are not failures in disguise.</summary>
    [Fact]
    public void TheManyLayerNetworkGeneratesWithoutCancellation()
    {
        NetworkSpec spec = ParsedDeep();
        Assert.False(spec.HasErrors);
        Assert.Equal(HiddenLayers + 2, spec.Layers.Count);
        Assert.Contains($"public partial global::NetGen.DenseLayer H{HiddenLayers} =>", NetworkGenerator.Emit(spec, CancellationToken.None));
    }

    private static NetworkSpec ParsedDeep() => ParsedNetwork.Parse(ManyLayers, "Deep");
}
