using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Parses a test source with the parser the analyzer uses and runs the gradient-flow estimate on it, so
/// tests can state where a threshold lies with the same figures the analyzer sees.
/// </summary>
internal static class NetworkModel
{
    /// <summary>The model and prediction of <paramref name="className"/>; diagnostic markup in the source is ignored.</summary>
    public static (NetworkSpec Spec, GradientFlowPrediction Prediction) Estimate(string source, string className)
    {
        string code = Regex.Replace(source, @"\{\|[^:|]+:|\|\}", "");
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(Verifier.LanguageVersion), path: "Test0.cs");
        CSharpCompilation compilation = CSharpCompilation.Create("Model", [tree], OfflineReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(className)
            ?? throw new System.ArgumentException($"{className} is not declared in the source.", nameof(className));
        AttributeData attribute = type.GetAttributes().Single(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName);
        NetworkSpec spec = NetworkParser.Parse(type, attribute, CancellationToken.None);
        Xunit.Assert.False(spec.HasErrors, string.Join(", ", spec.Diagnostics.Select(d => d.Id)));
        return (spec, GradientFlowEstimator.Estimate(spec));
    }
}
