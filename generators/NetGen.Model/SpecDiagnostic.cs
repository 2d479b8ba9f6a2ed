namespace NetGen.Model;

/// <summary>Where a problem is, as plain data (a Roslyn Location would hold the compilation alive).</summary>
internal sealed record SourceLocation(string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter);

/// <summary>A problem found in a definition: the diagnostic ID, its message arguments and where it is.</summary>
internal sealed record SpecDiagnostic(string Id, EquatableArray<string> MessageArguments, SourceLocation? Location)
{
    /// <summary>NG1xxx are invalid definitions, for which nothing is generated.</summary>
    public bool IsError => Id.StartsWith("NG1", System.StringComparison.Ordinal);
}
