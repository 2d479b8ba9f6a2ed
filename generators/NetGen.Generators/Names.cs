using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

/// <summary>Names and phrases shared by the emitters, so every file spells a layer's buffers the same way.</summary>
internal static class Names
{
    /// <summary>Pre-activation z of layer l.</summary>
    public static string PreActivation(int index) => Invariant($"_z{index}");

    /// <summary>Output a of layer l (the input copy for l = 0).</summary>
    public static string Output(int index) => Invariant($"_a{index}");

    /// <summary>φ(z) before a residual is added: its own buffer only when the layer has a residual.</summary>
    public static string Activated(LayerSpec layer) => layer.HasResidual ? Invariant($"_h{layer.Index}") : Output(layer.Index);

    /// <summary>dLoss/da of layer l during Backward, turned into δ = dLoss/dz in place.</summary>
    public static string OutputGradient(int index) => Invariant($"_da{index}");

    /// <summary>The field behind a layer's partial property.</summary>
    public static string LayerField(LayerSpec layer) => "_layer" + layer.PropertyName;

    /// <summary>The runtime type that holds an activation's function and derivative.</summary>
    public static string ActivationType(ActivationKind activation) => "global::NetGen.Activations." + activation;

    public static string InitDescription(InitKind init) => init switch
    {
        InitKind.Glorot => "Glorot-uniform",
        InitKind.He => "He-uniform",
        InitKind.LeCun => "LeCun-uniform",
        InitKind.Orthogonal => "orthogonal",
        InitKind.Zeros => "zeros",
        _ => init.ToString(),
    };

    public static string Describe(LayerSpec layer) => layer.Kind == LayerKind.Input
        ? Invariant($"Layer 0: {layer.PropertyName}, input of {layer.OutputSize}")
        : Invariant($"Layer {layer.Index}: {layer.PropertyName}, Dense {layer.InputSize} -> {layer.OutputSize}, {layer.Activation.ToString().ToLowerInvariant()}")
          + (layer.HasResidual ? ", + " + layer.ResidualName : "");

    /// <summary>A C# string literal, escaped (tensor names are user text).</summary>
    public static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>An identifier as it must be written, with @ before a keyword.</summary>
    public static string Identifier(string name)
        => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>A double literal that reads back to the same value in any culture ("R" round-trip, invariant).</summary>
    public static string DoubleLiteral(double value)
        => double.IsNaN(value) ? "double.NaN"
            : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
            : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d";

    public static bool IsUnrolled(LayerSpec layer) => layer.WeightCount <= Limits.UnrollWeightThreshold;
}
