using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Fuzz.Tests.Declarations;

/// <summary>Where the network class lives: the global namespace, a block namespace or a file-scoped one.</summary>
internal enum NamespaceStyle { Global, Block, FileScoped }

/// <summary>An enclosing type: "class", "struct", "record", "interface", possibly generic, possibly not partial (a fault).</summary>
internal sealed record OuterType(string Keyword, string Name, bool Partial = true);

/// <summary>
/// A whole [Network] declaration as the fuzzer writes it, rendered into one or two source files (a partial
/// class split at <see cref="SplitAt"/>), plus a file of constants when a size refers to one.
/// </summary>
internal sealed record NetworkDeclaration(IReadOnlyList<LayerDeclaration> Layers)
{
    public int Loss { get; init; }

    public bool WriteLoss { get; init; }

    public int? Seed { get; init; }

    public int? SequenceLength { get; init; }

    /// <summary>Name with type parameters and constraints, e.g. "Net&lt;T&gt; where T : struct".</summary>
    public string ClassName { get; init; } = "Net";

    public string ClassModifiers { get; init; } = "public";

    public bool ClassPartial { get; init; } = true;

    public string Keyword { get; init; } = "class";

    public NamespaceStyle Namespace { get; init; }

    public IReadOnlyList<OuterType> Outers { get; init; } = [];

    /// <summary>Layers before this index go to the first file with [Network], the rest to a second part; 0 keeps one file.</summary>
    public int SplitAt { get; init; }

    /// <summary>Writes global::NetGen. before every NetGen name instead of a using directive.</summary>
    public bool Qualified { get; init; }

    /// <summary>Text put at the start of a line (a syntax error), or null.</summary>
    public string? Injection { get; init; }

    public int InjectionLine { get; init; }

    public string[] Render()
    {
        string qualifier = Qualified ? "global::NetGen." : "";
        var constants = new List<string>();
        string[] lines = Layers.Select(layer => layer.Render(qualifier, constants)).ToArray();
        var files = new List<string>();
        if (SplitAt > 0 && SplitAt < lines.Length)
        {
            files.Add(RenderFile(qualifier, lines.Take(SplitAt), withAttribute: true));
            files.Add(RenderFile(qualifier, lines.Skip(SplitAt), withAttribute: false));
        }
        else
        {
            files.Add(RenderFile(qualifier, lines, withAttribute: true));
        }
        if (constants.Count > 0)
            files.Add("namespace Consts\n{\n    internal static class Sizes\n    {\n        " + string.Join("\n        ", constants) + "\n    }\n}\n");
        if (Injection is not null) files = Inject(files);
        return files.ToArray();
    }

    private string RenderFile(string qualifier, IEnumerable<string> layers, bool withAttribute)
    {
        var text = new StringBuilder();
        if (!Qualified) text.Append("using NetGen;\n");
        int closings = 0;
        switch (Namespace)
        {
            case NamespaceStyle.Block: text.Append("namespace Fuzz.Networks\n{\n"); closings++; break;
            case NamespaceStyle.FileScoped: text.Append("namespace Fuzz.Networks;\n"); break;
        }
        foreach (OuterType outer in Outers)
        {
            text.Append($"public {(outer.Partial ? "partial " : "")}{outer.Keyword} {outer.Name}\n{{\n");
            closings++;
        }
        if (withAttribute) text.Append($"[{qualifier}Network({NetworkArguments(qualifier)})]\n");
        text.Append($"{ClassModifiers} {(ClassPartial ? "partial " : "")}{Keyword} {ClassName}\n{{\n");
        foreach (string layer in layers) text.Append("    ").Append(layer).Append('\n');
        text.Append("}\n");
        for (int i = 0; i < closings; i++) text.Append("}\n");
        return text.ToString();
    }

    private string NetworkArguments(string qualifier)
    {
        var arguments = new List<string>();
        if (WriteLoss) arguments.Add("Loss = " + LayerDeclaration.EnumValue(qualifier, "Loss", Loss, ["MeanSquaredError", "BinaryCrossEntropy", "CrossEntropy"]));
        if (Seed is { } seed) arguments.Add("Seed = " + IntText(seed));
        if (SequenceLength is { } length) arguments.Add("SequenceLength = " + IntText(length));
        return string.Join(", ", arguments);
    }

    private static string IntText(int value)
        => value == int.MinValue ? "int.MinValue" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Puts <see cref="Injection"/> at the start of a line of one of the network's files.</summary>
    private List<string> Inject(List<string> files)
    {
        int networkFiles = SplitAt > 0 && SplitAt < Layers.Count ? 2 : 1;
        int file = InjectionLine % networkFiles;
        string[] lines = files[file].Split('\n');
        int line = InjectionLine / networkFiles % (lines.Length - 1);
        lines[line] = Injection + lines[line];
        files[file] = string.Join("\n", lines);
        return files;
    }
}
