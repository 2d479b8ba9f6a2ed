using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Model;

/// <summary>Symbol names as generated code must write them.</summary>
internal static class CSharpIdentifier
{
    /// <summary>The name with @ before a keyword (a class or property declared as @class is named "class").</summary>
    public static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
