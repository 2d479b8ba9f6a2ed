using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NetGen.CodeFixes;

/// <summary>Small syntax edits on attributes: set a named argument, replace an enum member.</summary>
internal static class AttributeEditing
{
    /// <summary>
    /// <paramref name="attribute"/> with <c>Name = Type.Member</c>: the existing named argument's value replaced,
    /// or the argument appended. <paramref name="typeExpression"/> is how the enum type is written there.
    /// </summary>
    public static AttributeSyntax SetNamedArgument(AttributeSyntax attribute, string name, string typeExpression, string member)
        => SetNamedArgument(attribute, name, Simplifiable(SyntaxFactory.ParseExpression(typeExpression + "." + member)));

    /// <summary>
    /// A fully qualified name the fix had to invent (nothing written to copy) is marked for the simplifier,
    /// which shortens it as far as the file's usings allow; a spelling copied from the user's code is kept.
    /// </summary>
    private static ExpressionSyntax Simplifiable(ExpressionSyntax expression)
        => expression.ToString().StartsWith("global::", System.StringComparison.Ordinal)
            ? expression.WithAdditionalAnnotations(Simplifier.Annotation)
            : expression;

    /// <summary><paramref name="attribute"/> with <c>Name = value</c>, replacing or appending the named argument.</summary>
    public static AttributeSyntax SetNamedArgument(AttributeSyntax attribute, string name, ExpressionSyntax value)
    {
        AttributeArgumentSyntax? existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        if (existing is not null)
            return attribute.ReplaceNode(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)));
        AttributeArgumentSyntax added = SyntaxFactory.AttributeArgument(value)
            .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
        AttributeArgumentListSyntax list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        return attribute.WithArgumentList(list.AddArguments(added));
    }

    /// <summary>
    /// How a sibling enum type is written where <paramref name="written"/> names a member of
    /// <paramref name="writtenType"/>: "Activation.Tanh" gives "Init", "NetGen.Activation.Tanh" gives "NetGen.Init".
    /// </summary>
    public static string SiblingType(ExpressionSyntax? written, string writtenType, string siblingType)
    {
        if (written is MemberAccessExpressionSyntax access)
        {
            string left = access.Expression.ToString();
            if (left.EndsWith(writtenType, System.StringComparison.Ordinal))
                return left.Substring(0, left.Length - writtenType.Length) + siblingType;
        }
        return "global::NetGen." + siblingType;
    }

    /// <summary>The enum member name in an argument written as Type.Member (or a plain identifier).</summary>
    public static ExpressionSyntax WithMember(ExpressionSyntax expression, string member)
        => expression is MemberAccessExpressionSyntax access
            ? access.WithName(SyntaxFactory.IdentifierName(member))
            : Simplifiable(SyntaxFactory.ParseExpression("global::NetGen.Activation." + member)).WithTriviaFrom(expression);
}
