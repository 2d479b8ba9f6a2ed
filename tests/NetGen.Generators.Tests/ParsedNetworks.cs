using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Model;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The model the generator's first step builds, for tests that need it whatever the network's validity.
/// </summary>
/// <remarks>
/// Roslyn records tracked steps by walking back from the source outputs, so a first run in which no
/// network is valid reports no tracked steps at all (<c>TrackedSteps</c> is empty, even for
/// <see cref="TrackingNames.NetworkSpecs"/>). Invalid definitions are therefore parsed here the way
/// the generator's transform does it: <see cref="NetworkParser.Parse"/> on the class's symbol and its
/// [Network] attribute.
/// </remarks>
internal static class ParsedNetworks
{
    public static NetworkSpec Single(Compilation compilation)
    {
        var parsed = from tree in compilation.SyntaxTrees
                     let model = compilation.GetSemanticModel(tree)
                     from declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
                     let type = model.GetDeclaredSymbol(declaration)
                     where type is not null
                     from attribute in type.GetAttributes()
                     where attribute.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName
                     select NetworkParser.Parse(type, attribute, CancellationToken.None);
        return Assert.Single(parsed);
    }

    /// <summary>The model from a run's tracked <see cref="TrackingNames.NetworkSpecs"/> step (valid networks only).</summary>
    public static NetworkSpec FromTrackedStep(GeneratorRunResult run)
        => (NetworkSpec)Assert.Single(run.TrackedSteps[TrackingNames.NetworkSpecs].SelectMany(step => step.Outputs)).Value;
}
