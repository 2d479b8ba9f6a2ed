using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Analyzers;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0001's "Add BatchNorm after each hidden layer": <c>[Dense(n, Activation.X, ...)]</c> becomes <c>[Dense(n, ...)]</c> and
/// is followed by <c>[BatchNorm(Activation.X)] public partial BatchNormLayer {Name} { get; }</c>, the name from the
/// analyzer's plan. The new property copies the layer's modifiers, indentation and spellings (a qualified
/// <c>NetGen.Dense</c> gives <c>NetGen.BatchNorm</c>), so that it reads like its neighbours.
/// </summary>
internal static class LayerWithBatchNorm
{
    /// <summary>The layer without its activation argument (a linear Dense; its Init and the rest kept).</summary>
    public static PropertyDeclarationSyntax MakeLinear(PropertyDeclarationSyntax property)
    {
        if (Dense(property) is not { } dense || NetworkCodeFixProvider.ActivationArgument(dense) is not { } activation) return property;
        return property.ReplaceNode(dense, dense.WithArgumentList(dense.ArgumentList!.WithArguments(dense.ArgumentList.Arguments.Remove(activation))));
    }

    /// <summary>The BatchNorm property to insert after <paramref name="property"/>, or nothing when the plan has no name for it.</summary>
    public static IEnumerable<SyntaxNode> Norm(PropertyDeclarationSyntax property, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(FixProperties.BatchNorm(property.Identifier.ValueText), out string? name) || name is null
            || Dense(property) is not { } dense || NetworkCodeFixProvider.ActivationArgument(dense) is not { } activation)
            yield break;
        AttributeSyntax norm = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName(Renamed(dense.Name.ToString(), "Dense", "BatchNorm")),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(activation.Expression.WithoutTrivia()))));
        AttributeListSyntax list = property.AttributeLists[0];
        yield return property
            .WithAttributeLists(SyntaxFactory.SingletonList(list.WithAttributes(SyntaxFactory.SingletonSeparatedList(norm))))
            .WithType(SyntaxFactory.ParseTypeName(Renamed(property.Type.ToString(), "DenseLayer", "BatchNormLayer")).WithTriviaFrom(property.Type))
            .WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(property.Identifier))
            .WithLeadingTrivia(Indentation(property));
    }

    private static AttributeSyntax? Dense(PropertyDeclarationSyntax property)
        => property.AttributeLists.SelectMany(list => list.Attributes)
            .FirstOrDefault(attribute => attribute.Name.ToString() is var written && (written.EndsWith("Dense", StringComparison.Ordinal) || written.EndsWith("DenseAttribute", StringComparison.Ordinal)));

    /// <summary>"NetGen.DenseAttribute" → "NetGen.BatchNormAttribute": the last <paramref name="from"/> replaced, the prefix and suffix kept.</summary>
    private static string Renamed(string written, string from, string to)
    {
        int at = written.LastIndexOf(from, StringComparison.Ordinal);
        return at < 0 ? to : written.Substring(0, at) + to + written.Substring(at + from.Length);
    }

    /// <summary>The whitespace that starts the property's line (its comments stay with it, not with the new layer).</summary>
    private static SyntaxTriviaList Indentation(PropertyDeclarationSyntax property)
    {
        SyntaxTrivia last = property.GetLeadingTrivia().LastOrDefault();
        return last.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(last) : SyntaxFactory.TriviaList();
    }
}
