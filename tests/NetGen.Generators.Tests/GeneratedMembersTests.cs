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
/// in step with what the emitters actually write, for feed-forward, large (batch path), recurrent, convolution,
/// streaming and normalisation networks.
/// </summary>
public sealed class GeneratedMembersTests
{
    private static readonly string[] Sources = [TestNetworks.Xor, TestNetworks.Residual, TestNetworks.Large, TestNetworks.Recurrent, TestNetworks.Lstm, TestNetworks.Conv, TestNetworks.StreamingTcn, TestNetworks.Normalized];

    public static TheoryData<string> Networks() => new(Sources);

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryGeneratedMemberNameIsReserved(string source)
    {
        ClassDeclarationSyntax network = GeneratedClass(source);
        string[] names = MemberNames(network);
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, GeneratedMembers.Names));
        // Fields are the one kind left out of the list: they must stay out of a property's way by their prefix.
        Assert.All(network.Members.OfType<FieldDeclarationSyntax>().SelectMany(field => field.Declaration.Variables),
            variable => Assert.True(variable.Identifier.Text.StartsWith('_') || variable.Identifier.Text.StartsWith("s_", System.StringComparison.Ordinal)
                                    || char.IsUpper(variable.Identifier.Text[0]) && GeneratedMembers.Names.Contains(variable.Identifier.Text),
                $"field '{variable.Identifier.Text}' could collide with a layer property"));
    }

    /// <summary>
    /// Buffers and Counters are reserved for every network but written only for one with state (batch normalisation,
    /// dropout); the others keep INetwork's empty defaults. Every other reserved name is written for some network.
    /// </summary>
    [Fact]
    public void EveryReservedNameIsWrittenAndTheStateMembersOnlyWithState()
    {
        string[] withState = MemberNames(GeneratedClass(TestNetworks.Normalized));
        Assert.Contains("Buffers", withState);
        Assert.Contains("Counters", withState);
        foreach (string source in new[] { TestNetworks.Xor, TestNetworks.Large, TestNetworks.Conv })
        {
            string[] names = MemberNames(GeneratedClass(source));
            Assert.DoesNotContain("Buffers", names);
            Assert.DoesNotContain("Counters", names);
        }
        string[] written = Sources.Select(GeneratedClass)
            .SelectMany(network => MemberNames(network).Concat(network.Members.OfType<FieldDeclarationSyntax>().SelectMany(field => field.Declaration.Variables).Select(variable => variable.Identifier.Text)))
            .ToArray(); // the predictions are constants
        Assert.All(GeneratedMembers.Names, name => Assert.Contains(name, written));
    }

    private static ClassDeclarationSyntax GeneratedClass(string source)
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Assert.Single(result.Results.Single().GeneratedSources).SourceText);
        // The innermost network class: the last class but the inference form nested in it, whose members are its own.
        return tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Last(type => type.Identifier.Text != "Inference");
    }

    /// <summary>The class's methods and non-layer properties (fields, constructors and the partial layer properties left out).</summary>
    private static string[] MemberNames(ClassDeclarationSyntax network)
        => network.Members
            .Where(member => member is not FieldDeclarationSyntax and not ConstructorDeclarationSyntax)
            .Where(member => member is not PropertyDeclarationSyntax property || !property.Modifiers.Any(SyntaxKind.PartialKeyword)) // the layers
            .Select(member => member switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                PropertyDeclarationSyntax property => property.Identifier.Text,
                ClassDeclarationSyntax nested => nested.Identifier.Text,
                _ => member.Kind().ToString(),
            })
            .Distinct()
            .ToArray();
}
