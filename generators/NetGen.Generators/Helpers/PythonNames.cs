using System.Collections.Generic;
using System.Text;

namespace NetGen.Generators.Helpers;

/// <summary>
/// How the PyTorch twin names a layer's module: the layer's tensor name exactly (so that <c>state_dict()</c>'s keys are
/// NetGen's), as a plain attribute where Python allows it and registered by name where it does not.
/// </summary>
internal static class PythonNames
{
    private static readonly HashSet<string> s_keywords = new(System.StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>
    /// Registers a module under a dotted tensor name (<c>Name = "encoder.fc"</c>), creating plain containers on the way:
    /// PyTorch refuses dots in one module name, and the keys must still read <c>encoder.fc.weight</c>.
    /// </summary>
    public const string AttachHelper =
        "def attach(root, name, module):\n" +
        "    \"\"\"Registers module under a dotted name, creating empty containers on the way, so that its keys start with name.\"\"\"\n" +
        "    *path, last = name.split(\".\")\n" +
        "    for part in path:\n" +
        "        if part not in root._modules:\n" +
        "            root.add_module(part, nn.Module())\n" +
        "        root = root._modules[part]\n" +
        "    root.add_module(last, module)";

    /// <summary>The module-level names the twin's file defines or imports besides the class.</summary>
    private static readonly HashSet<string> s_moduleNames = new(System.StringComparer.Ordinal) { "torch", "nn", "F", "unroll", "attach", "ElmanCell", "loss_fn" };

    /// <summary>The twin's class name: the C# class's, with an underscore added where Python would read it as a keyword or one of the file's own names.</summary>
    public static string ClassName(string name) => s_keywords.Contains(name) || s_moduleNames.Contains(name) ? name + "_" : name;

    /// <summary>The name can be read as <c>self.name</c>: a Python identifier, not a keyword.</summary>
    public static bool IsAttribute(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || s_keywords.Contains(name)) return false;
        foreach (char c in name)
            if (!char.IsLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    /// <summary>The module in <c>forward</c>: <c>self.Hidden</c>, or <c>self.get_submodule("encoder.fc")</c>.</summary>
    public static string Module(string tensorName) => IsAttribute(tensorName) ? "self." + tensorName : $"self.get_submodule({Literal(tensorName)})";

    /// <summary>
    /// The line in <c>__init__</c> that registers <paramref name="module"/>: <c>self.Hidden = …</c> for a name that starts
    /// with a capital (nn.Module's own attributes never do, but for <c>T_destination</c>); else <c>add_module</c>, which
    /// refuses a name nn.Module already has (<c>training</c>, <c>forward</c>) rather than shadowing it; <c>attach</c> for a dotted name.
    /// </summary>
    public static string Registration(string tensorName, string module)
        => IsAttribute(tensorName) && char.IsUpper(tensorName[0]) && tensorName != "T_destination" ? $"self.{tensorName} = {module}"
            : tensorName.IndexOf('.') < 0 ? $"self.add_module({Literal(tensorName)}, {module})"
            : $"attach(self, {Literal(tensorName)}, {module})";

    /// <summary>Whether registering <paramref name="tensorName"/> needs <see cref="AttachHelper"/>.</summary>
    public static bool NeedsAttach(string tensorName) => tensorName.IndexOf('.') >= 0;

    /// <summary>A Python string literal (tensor names are user text).</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}
