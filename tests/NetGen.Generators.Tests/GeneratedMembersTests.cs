using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// NG1021 forbids layer properties named like a generated member; this keeps its list (GeneratedMembers.Names)
/// in step with what the emitters actually write, for feed-forward, large (batch path), recurrent, convolution and
/// streaming networks.
/// </summary>
public sealed class GeneratedMembersTests
{
    public static TheoryData<string> Networks() => new() { TestNetworks.Xor, TestNetworks.Residual, TestNetworks.Large, TestNetworks.Recurrent, TestNetworks.Lstm, TestNetworks.Conv, TestNetworks.StreamingTcn };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryGeneratedMemberNameIsReserved(string source)
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Assert.Single(result.Results.Single().GeneratedSources).SourceText);
        ClassDeclarationSyntax network = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Last();
        string[] names = network.Members
            .Where(member => member is not FieldDeclarationSyntax and not ConstructorDeclarationSyntax)
            .Where(member => member is not PropertyDeclarationSyntax property || !property.Modifiers.Any(SyntaxKind.PartialKeyword)) // the layers
            .Select(member => member switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                PropertyDeclarationSyntax property => property.Identifier.Text,
                _ => member.Kind().ToString(),
            })
            .Distinct()
            .ToArray();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, GeneratedMembers.Names));
        // Fields are the one kind left out of the list: they must stay out of a property's way by their prefix.
        Assert.All(network.Members.OfType<FieldDeclarationSyntax>().SelectMany(field => field.Declaration.Variables),
            variable => Assert.True(variable.Identifier.Text.StartsWith('_') || variable.Identifier.Text.StartsWith("s_", System.StringComparison.Ordinal)
                                    || char.IsUpper(variable.Identifier.Text[0]) && GeneratedMembers.Names.Contains(variable.Identifier.Text),
                $"field '{variable.Identifier.Text}' could collide with a layer property"));
    }
}
