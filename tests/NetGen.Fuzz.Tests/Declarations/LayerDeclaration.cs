using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Fuzz.Tests.Declarations;

/// <summary>The five layer attributes.</summary>
internal enum LayerType { Input, Dense, Recurrent, Lstm, Gru }

/// <summary>How a size argument is written: the same value as a literal, in hex, as a constant of another class, or a sum.</summary>
internal enum SizeStyle { Literal, Hex, ForeignConstant, Sum }

/// <summary>
/// One layer property as the fuzzer writes it: what it means (<see cref="Type"/>, <see cref="Units"/>, ...) and
/// how it is spelled (argument style, qualified names, raw overrides that faults put in).
/// </summary>
internal sealed record LayerDeclaration(LayerType Type, string Property, int Units)
{
    /// <summary>The Activation value (cast when undefined); null leaves the argument out.</summary>
    public int? Activation { get; init; }

    public int Init { get; init; }

    public int RecurrentInit { get; init; }

    /// <summary>The Name argument (any text: quotes, backslashes, line breaks, non-ASCII).</summary>
    public string? Name { get; init; }

    /// <summary>The property that Residual names, written as nameof(...) or as a string.</summary>
    public string? Residual { get; init; }

    public bool ResidualAsString { get; init; }

    public bool ReturnSequences { get; init; }

    /// <summary>The memory gate's initial bias: the LSTM's ForgetBias, the GRU's UpdateBias (0 leaves it out).</summary>
    public float MemoryBias { get; init; }

    public SizeStyle SizeStyle { get; init; }

    public bool NamedArguments { get; init; }

    public string Modifiers { get; init; } = "public";

    /// <summary>Replaces the property type (a fault), else the layer's own type.</summary>
    public string? PropertyType { get; init; }

    public string Accessors { get; init; } = "{ get; }";

    public bool Partial { get; init; } = true;

    /// <summary>Replaces the whole argument list, parentheses included (a C# fault such as a missing or mistyped argument).</summary>
    public string? RawArguments { get; init; }

    /// <summary>An Elman, LSTM or GRU layer: runs per step, may return sequences.</summary>
    public bool IsRecurrent => Type is LayerType.Recurrent or LayerType.Lstm or LayerType.Gru;

    /// <summary>Bare property name (without a verbatim @), as nameof and the parser see it.</summary>
    public string PropertyName => Property.TrimStart('@');

    public string LayerTypeName => Type switch
    {
        LayerType.Input => "InputLayer",
        LayerType.Dense => "DenseLayer",
        LayerType.Recurrent => "RecurrentLayer",
        LayerType.Lstm => "LstmLayer",
        _ => "GruLayer",
    };

    /// <summary>The property with its attribute, on one line; <paramref name="constants"/> collects foreign constants it uses.</summary>
    public string Render(string qualifier, List<string> constants)
    {
        string attribute = qualifier + Type switch
        {
            LayerType.Input => "Input",
            LayerType.Dense => "Dense",
            LayerType.Recurrent => "Recurrent",
            LayerType.Lstm => "Lstm",
            _ => "Gru",
        };
        string arguments = RawArguments ?? "(" + string.Join(", ", Arguments(qualifier, constants)) + ")";
        string type = PropertyType ?? qualifier + LayerTypeName;
        return $"[{attribute}{arguments}] {Modifiers} {(Partial ? "partial " : "")}{type} {Property} {Accessors}";
    }

    private IEnumerable<string> Arguments(string qualifier, List<string> constants)
    {
        string size = Size(constants);
        yield return NamedArguments ? (Type == LayerType.Input ? "size: " : "units: ") + size : size;
        if (Activation is { } activation && Type is LayerType.Dense or LayerType.Recurrent)
            yield return (NamedArguments ? "activation: " : "") + EnumValue(qualifier, "Activation", activation, ActivationNames);
        if (Type == LayerType.Input) yield break;
        if (Init != 0) yield return "Init = " + EnumValue(qualifier, "Init", Init, InitNames);
        if (Name is not null) yield return "Name = " + Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Name, quote: true);
        if (Residual is not null) yield return "Residual = " + (ResidualAsString ? "\"" + Residual.TrimStart('@') + "\"" : $"nameof({Residual})");
        if (IsRecurrent)
        {
            if (ReturnSequences) yield return "ReturnSequences = true";
            if (RecurrentInit != 0) yield return "RecurrentInit = " + EnumValue(qualifier, "Init", RecurrentInit, InitNames);
        }
        if (MemoryBias != 0f && Type is LayerType.Lstm or LayerType.Gru)
            yield return (Type == LayerType.Lstm ? "ForgetBias = " : "UpdateBias = ") + FloatText(MemoryBias);
    }

    private string Size(List<string> constants)
    {
        switch (Units)
        {
            case int.MaxValue: return "int.MaxValue";
            case int.MinValue: return "int.MinValue";
        }
        string literal = Units.ToString(CultureInfo.InvariantCulture);
        switch (SizeStyle)
        {
            case SizeStyle.Hex when Units >= 0:
                return "0x" + Units.ToString("X", CultureInfo.InvariantCulture);
            case SizeStyle.ForeignConstant:
                string name = "Size" + constants.Count.ToString(CultureInfo.InvariantCulture);
                constants.Add($"public const int {name} = {literal};");
                return "Consts.Sizes." + name;
            case SizeStyle.Sum when Units > 1:
                return $"{Units / 2} + {Units - Units / 2}";
            default:
                return literal;
        }
    }

    private static readonly string[] ActivationNames = { "Linear", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Elu", "Gelu", "Softplus", "Softmax", "Selu", "Silu" };

    private static readonly string[] InitNames = { "Auto", "Glorot", "He", "LeCun", "Orthogonal", "Zeros" };

    /// <summary>A defined value by its name, an undefined one as a cast.</summary>
    public static string EnumValue(string qualifier, string type, int value, string[] names)
        => value >= 0 && value < names.Length ? $"{qualifier}{type}.{names[value]}" : $"({qualifier}{type})({value.ToString(CultureInfo.InvariantCulture)})";

    private static string FloatText(float value)
        => float.IsNaN(value) ? "float.NaN"
            : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
            : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
            : value.ToString("R", CultureInfo.InvariantCulture) + "f";
}
