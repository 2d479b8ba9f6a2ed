using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

/// <summary>Names and phrases shared by the emitters, so every file spells a layer's buffers the same way.</summary>
internal static class Names
{
    /// <summary>Pre-activation z of layer l (an LSTM keeps its activated gates i, f, g, o here).</summary>
    public static string PreActivation(int index) => Invariant($"_z{index}");

    /// <summary>Output a of layer l (the input copy for l = 0).</summary>
    public static string Output(int index) => Invariant($"_a{index}");

    /// <summary>φ(z) before a residual is added: its own buffer only when the layer has a residual.</summary>
    public static string Activated(LayerSpec layer) => layer.HasResidual ? Invariant($"_h{layer.Index}") : Output(layer.Index);

    /// <summary>dLoss/da of layer l during Backward, turned into δ = dLoss/dz in place.</summary>
    public static string OutputGradient(int index) => Invariant($"_da{index}");

    /// <summary>An LSTM's cell state c_t, and tanh(c_t).</summary>
    public static string Cell(int index) => Invariant($"_c{index}");

    public static string CellTanh(int index) => Invariant($"_tc{index}");

    /// <summary>Per-layer scratch of one step: gate pre-activations (forward) and their gradients (backward).</summary>
    public static string GateScratch(int index) => Invariant($"_gates{index}");

    /// <summary>Backpropagation through time: dL/dh_{t−1} (and dL/dc_{t−1} for an LSTM) carried to the previous step.</summary>
    public static string HiddenCarry(int index) => Invariant($"_dhNext{index}");

    public static string CellCarry(int index) => Invariant($"_dcNext{index}");

    /// <summary>The field behind a layer's partial property.</summary>
    public static string LayerField(LayerSpec layer) => "_layer" + layer.PropertyName;

    /// <summary>The runtime type that holds an activation's function and derivative.</summary>
    public static string ActivationType(Activation activation) => "global::NetGen.Activations." + activation;

    /// <summary>
    /// A span over one step of a buffer holding <paramref name="width"/> values per step, or the whole buffer
    /// when <paramref name="step"/> is null (the layer does not run per step); always of constant length, so the JIT
    /// knows every size and drops the bounds checks.
    /// </summary>
    public static string Span(string buffer, int width, string? step, bool readOnly = false)
        => Invariant($"new global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<float>({buffer}, {(step is null ? "0" : $"{step} * {width}")}, {width})");

    /// <summary>
    /// The type parameter of the generated <c>Backward</c>'s mode: "TMode", or with underscores added while the network's
    /// own declaration or an enclosing one already has a type parameter of that name (CS0693 otherwise).
    /// </summary>
    public static string ModeParameter(NetworkSpec spec)
    {
        string name = "TMode";
        while (DeclaresIdentifier(spec.ClassName, name) || System.Linq.Enumerable.Any(spec.ContainingTypes, outer => DeclaresIdentifier(outer, name))) name += "_";
        return name;
    }

    private static bool DeclaresIdentifier(string declaration, string name)
        => System.Text.RegularExpressions.Regex.IsMatch(declaration, @"(?<![\w@])@?" + name + @"(?!\w)");

    /// <summary>The step of the previous layer's output that <paramref name="layer"/> reads: t, the last, or none.</summary>
    public static string? InputStep(LayerSpec layer, LayerSpec previous)
        => !previous.RunsPerStep ? null : layer.RunsPerStep ? "t" : "(_steps - 1)";

    /// <summary>The step a layer writes: t when it runs per step.</summary>
    public static string? OwnStep(LayerSpec layer) => layer.RunsPerStep ? "t" : null;

    public static string InitDescription(Init init) => init switch
    {
        Init.Glorot => "Glorot-uniform",
        Init.He => "He-uniform",
        Init.LeCun => "LeCun-uniform",
        Init.Orthogonal => "orthogonal",
        Init.Zeros => "zeros",
        _ => init.ToString(),
    };

    /// <summary>"Layer 2: Hidden, Dense 4 -> 8, tanh, + Skip" (the activation only where the attribute chooses it; gates where the kind has them).</summary>
    public static string Describe(LayerSpec layer)
    {
        LayerKindDescriptor kind = layer.Descriptor;
        if (layer.Kind == LayerKind.Input) return Invariant($"Layer 0: {layer.PropertyName}, input of {Sizes(layer.OutputShape)}");
        return Invariant($"Layer {layer.Index}: {layer.PropertyName}, {layer.Kind} {Sizes(layer.InputShape)} -> {Sizes(layer.OutputShape)}")
            + (kind.HasActivationArgument ? ", " + ActivationCatalog.Of(layer.Activation).Name : "")
            + (kind.GateNames.Length > 0 ? ", gates " + kind.GateNames : "")
            + (layer.HasResidual ? ", + " + layer.ResidualName : "") + (layer.RunsPerStep && !kind.IsRecurrent ? ", every step" : "");
    }

    /// <summary>"16" for features, "16×14×14" for channels × height × width.</summary>
    private static string Sizes(Shape shape) => string.Join("×", shape.Dimensions);

    /// <summary>Text for an XML documentation comment: &amp;, &lt; and &gt; escaped.</summary>
    public static string XmlText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal, escaped (tensor names are user text).</summary>
    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>A double literal that reads back to the same value in any culture ("R" round-trip, invariant).</summary>
    public static string DoubleLiteral(double value)
        => double.IsNaN(value) ? "double.NaN"
            : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
            : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d";

    /// <summary>A float literal that reads back to the same value in any culture, with an f suffix (NaN and infinities by name).</summary>
    public static string FloatLiteral(float value)
        => float.IsNaN(value) ? "float.NaN"
            : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
            : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    /// <summary>Whether a matrix this size is written out as straight-line code (else constant-bound SIMD loops).</summary>
    public static bool IsUnrolled(int weights) => weights <= Limits.UnrollWeightThreshold;
}
