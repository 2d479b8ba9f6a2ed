using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// What an editor's hover shows on a network's members: each layer property its shape, parameters and predicted
/// gradient scale (a recurrent layer its per-step factor), each prediction constant its value (a hover shows a
/// constant's documentation, not its value). The documentation is well-formed and every cref resolves.
/// </summary>
public sealed class HoverDocumentationTests
{
    /// <summary>The generated compilation with documentation comments parsed and checked, as an editor has it.</summary>
    private static Compilation Generate(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(source, options, path: "Source0.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        Assert.DoesNotContain(output.GetDiagnostics(), diagnostic => diagnostic.Id is "CS1570" or "CS1574" or "CS1584" or "CS1658" or "CS1587");
        return output;
    }

    private static string Hover(Compilation compilation, string type, string member)
        => compilation.GetTypeByMetadataName(type)!.GetMembers(member).Single().GetDocumentationCommentXml() ?? "";

    [Fact]
    public void LayerPropertiesShowTheirShapeParametersAndPredictedGradientScale()
    {
        Compilation output = Generate(TestNetworks.Xor);
        string hidden = Hover(output, "XorNet", "Hidden");
        Assert.Contains("Dense 4 tanh: output shape (None, 4), 12 parameters", hidden);
        Assert.Contains("‖∇W‖ ≈ 1.2 × the output layer's", hidden);
        Assert.Contains("The output layer", Hover(output, "XorNet", "Out"));
        Assert.Contains("The input: 2 values per sample, output shape (None, 2).", Hover(output, "XorNet", "In"));
    }

    [Fact]
    public void PredictionConstantsShowTheirValue()
    {
        Compilation output = Generate(TestNetworks.Xor);
        Assert.Contains(": 1.2.", Hover(output, "XorNet", "PredictedGradientRatio"));
        Assert.Contains(": 1.", Hover(output, "XorNet", "PredictedDeltaGain"));
        Assert.Contains("17", Hover(output, "XorNet", "ParameterCount"));
    }

    [Fact]
    public void RecurrentLayersShowTheirPerStepFactorAndNaNIsExplained()
    {
        Compilation output = Generate(TestNetworks.Recurrent);
        const string name = "SequenceRnn";
        INamedTypeSymbol network = output.GetTypeByMetadataName(name)!;
        string[] layerHovers = network.GetMembers().OfType<IPropertySymbol>().Where(property => property.IsPartialDefinition)
            .Select(property => property.GetDocumentationCommentXml() ?? "").ToArray();
        Assert.Contains(layerHovers, hover => hover.Contains("per step back in time, the state gradient's mean square ×") && hover.Contains("from the last of SequenceLength = 10 steps to the first"));
        Assert.Contains(layerHovers, hover => hover.Contains("No gradient scale predicted: a recurrent network"));
        Assert.DoesNotContain(layerHovers, hover => hover.Contains("n/a"));
        Assert.Contains("NaN, not predicted for a recurrent network", Hover(output, name, "PredictedGradientRatio"));
    }
}
