using System.Text;

namespace NetGen.Analyzers.Tests;

/// <summary>Writes the source of stacks of normalised or dropout blocks, for the tests of batch normalisation's explosion.</summary>
internal static class NormalizationSource
{
    /// <summary>
    /// <c>[Network] public partial class {name}</c>: <c>In</c> of 64, <paramref name="depth"/> blocks of a linear
    /// <c>Dense(64)</c> <c>H{l}</c> followed by <c>[{norm}(Activation.{activation})]</c> <c>N{l}</c> (norm "BatchNorm" or
    /// "LayerNorm"; with <paramref name="residual"/>, each N after the first adds the one before it), and a linear Dense(10)
    /// <c>Out</c>. <paramref name="firstAttribute"/> replaces H1's attribute text (for diagnostic markup).
    /// </summary>
    public static string Stack(string name, string norm, int depth, string activation, bool residual = false, string firstAttribute = "Dense(64)")
        => Blocks(name, "Input(64)", "Dense(64)", "DenseLayer", norm, depth, activation, residual, firstAttribute);

    /// <summary>
    /// The same with blocks of a linear <c>Conv2D(16, 3, Same = true)</c> <c>H{l}</c> then <c>[BatchNorm(Activation.{activation})]</c>
    /// <c>N{l}</c> over its channels, on an input of 3 × 8 × 8 (PyTorch's Conv2d → BatchNorm2d → φ); every N is 16 × 8 × 8.
    /// </summary>
    public static string ConvStack(string name, int depth, string activation, bool residual = false, string firstAttribute = "Conv2D(16, 3, Same = true)")
        => Blocks(name, "Input(3, 8, 8)", "Conv2D(16, 3, Same = true)", "ConvLayer", "BatchNorm", depth, activation, residual, firstAttribute);

    private static string Blocks(string name, string input, string block, string blockType, string norm, int depth, string activation, bool residual, string firstAttribute)
    {
        var text = new StringBuilder();
        text.Append($"using NetGen;\n\n[Network]\npublic partial class {name}\n{{\n");
        text.Append($"    [{input}] public partial InputLayer In {{ get; }}\n");
        for (int l = 1; l <= depth; l++)
        {
            string skip = residual && l >= 2 ? $", Residual = nameof(N{l - 1})" : "";
            text.Append($"    [{(l == 1 ? firstAttribute : block)}] public partial {blockType} H{l} {{ get; }}\n");
            text.Append($"    [{norm}(Activation.{activation}{skip})] public partial {norm}Layer N{l} {{ get; }}\n");
        }
        text.Append("    [Dense(10)] public partial DenseLayer Out { get; }\n}\n");
        return text.ToString();
    }

    /// <summary>An MLP of <paramref name="depth"/> Dense(64, activation) layers <c>H{l}</c>, each followed by Dropout(p) <c>D{l}</c>.</summary>
    public static string Dropout(string name, int depth, string activation, string probability)
    {
        var text = new StringBuilder();
        text.Append($"using NetGen;\n\n[Network]\npublic partial class {name}\n{{\n");
        text.Append("    [Input(64)] public partial InputLayer In { get; }\n");
        for (int l = 1; l <= depth; l++)
        {
            text.Append($"    [Dense(64, Activation.{activation})] public partial DenseLayer H{l} {{ get; }}\n");
            text.Append($"    [Dropout({probability})] public partial DropoutLayer D{l} {{ get; }}\n");
        }
        text.Append("    [Dense(10)] public partial DenseLayer Out { get; }\n}\n");
        return text.ToString();
    }
}
