namespace NetGen.Fuzz.Tests.Declarations;

/// <summary>
/// What a fuzz case breaks in a valid declaration. The first group must be named by the analyzer with an NG1xxx
/// error; the second breaks the C# itself, so any compiler error will do (but nothing may crash).
/// </summary>
internal enum Fault
{
    None,
    NonPositiveSize,
    TooWide,
    TooManyParameters,
    UndefinedEnum,
    InputNotFirst,
    MissingInput,
    NoLayers,
    WrongPropertyType,
    PropertyNotPartial,
    SoftmaxNotLast,
    LossMismatch,
    DuplicateName,
    ResidualUnknown,
    ResidualNotEarlier,
    ResidualSizeMismatch,
    ContainingTypeNotPartial,
    ClassNotPartial,
    UnsupportedClassKind,
    RecurrentAfterReduction,
    ResidualAcrossSequence,
    ResidualOnProbabilityOutput,
    BadSequenceLength,

    // C# faults: any compiler error is the right answer.
    SyntaxError,
    MissingArgument,
    WrongArgumentType,
    NameofNothing,
    StructNetwork,
}

/// <summary>One fuzz case: the declaration, the fault put in, and the NG1xxx id that must then be reported.</summary>
internal sealed record FuzzCase(NetworkDeclaration Declaration, Fault Fault, string? ExpectedId)
{
    public bool IsValid => Fault == Fault.None;

    /// <summary>The C# itself is broken: a compiler error is expected, no particular NG1xxx id.</summary>
    public bool ExpectsCompilerError => Fault >= Fault.SyntaxError;

    public override string ToString()
        => $"{Fault} (expect {(IsValid ? "no error" : ExpectedId ?? "a compiler error")})\n" + string.Join("\n// ---- next file ----\n", Declaration.Render());
}
