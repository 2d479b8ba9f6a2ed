using System.Text;

namespace NetGen.Analyzers.Tests;

/// <summary>Writes the source of a plain stack of equal dense layers, for tests that walk through depths.</summary>
internal static class NetworkSource
{
    /// <summary>
    /// <c>[Network(Loss = Loss.MeanSquaredError)] public partial class {name}</c> with <c>In</c> (<paramref name="width"/>
    /// inputs), <paramref name="depth"/> hidden layers <c>Hidden1..</c> of <paramref name="width"/> units and a linear
    /// output <c>Out</c> of <paramref name="outputs"/> units. <paramref name="arguments"/> is written after the
    /// activation of every hidden layer (e.g. ", Init = Init.Glorot").
    /// </summary>
    public static string Stack(string name, int depth, string activation, int width = 16, int outputs = 1, string arguments = "", string networkArguments = "Loss = Loss.MeanSquaredError")
    {
        var text = new StringBuilder();
        text.Append("using NetGen;\n\n");
        text.Append($"[Network({networkArguments})]\n");
        text.Append($"public partial class {name}\n{{\n");
        text.Append($"    [Input({width})] public partial InputLayer In {{ get; }}\n");
        for (int layer = 1; layer <= depth; layer++)
            text.Append($"    [Dense({width}, Activation.{activation}{arguments})] public partial DenseLayer Hidden{layer} {{ get; }}\n");
        text.Append($"    [Dense({outputs})] public partial DenseLayer Out {{ get; }}\n");
        text.Append("}\n");
        return text.ToString();
    }
}
