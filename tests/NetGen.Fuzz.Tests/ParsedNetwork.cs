using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using NetGen.Testing;

namespace NetGen.Fuzz.Tests;

/// <summary>A [Network] class of a test source, compiled with the harness, for driving the parser directly.</summary>
internal static class ParsedNetwork
{
    public static (INamedTypeSymbol Type, AttributeData Attribute) Declaration(string source, string typeName)
    {
        INamedTypeSymbol type = GeneratorHarness.CreateCompilation(source).GetTypeByMetadataName(typeName)
            ?? throw new System.ArgumentException($"{typeName} is not declared in the source.", nameof(typeName));
        return (type, type.GetAttributes().Single(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName));
    }

    public static NetworkSpec Parse(string source, string typeName)
    {
        (INamedTypeSymbol type, AttributeData attribute) = Declaration(source, typeName);
        return NetworkParser.Parse(type, attribute, CancellationToken.None);
    }
}
