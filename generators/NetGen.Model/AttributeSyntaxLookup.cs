using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Model;

/// <summary>Finds the syntax of one attribute argument, so diagnostics sit on the argument at fault.</summary>
internal static class AttributeSyntaxLookup
{
    /// <summary>
    /// The argument written for a parameter: by name for named arguments (<paramref name="position"/> −1),
    /// else by position or by the parameter name written with a colon; null when it was not written.
    /// </summary>
    public static AttributeArgumentSyntax? FindArgument(AttributeData attribute, int position, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax || syntax.ArgumentList is null)
            return null;
        int positional = 0;
        foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is { } equals)
            {
                if (position < 0 && equals.Name.Identifier.ValueText == name) return argument;
                continue;
            }
            if (argument.NameColon is { } colon ? colon.Name.Identifier.ValueText == name : positional == position)
                return argument;
            positional++;
        }
        return null;
    }

    /// <summary>The argument's location, or the whole attribute's when the argument was not written.</summary>
    public static Location? ArgumentOrAttribute(AttributeData attribute, int position, string name, CancellationToken cancellationToken)
        => FindArgument(attribute, position, name, cancellationToken)?.GetLocation()
           ?? attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
}
