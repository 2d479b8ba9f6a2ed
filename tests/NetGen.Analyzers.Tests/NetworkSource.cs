using System.Text;

namespace NetGen.Analyzers.Tests;

/// <summary>Writes the source of a plain stack of equal dense layers or convolutions, for tests that walk through depths.</summary>
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

    /// <summary>
    /// <c>[Network(Loss = Loss.MeanSquaredError)] public partial class {name}</c> with <c>In</c> (4 channels × 32, or
    /// 3 × 8 × 8 when <paramref name="rank"/> is 2), <paramref name="depth"/> convolutions <c>C1..</c> of 16 filters with a
    /// kernel of 3 and "same" padding, max pooling of 2 (<c>P{l}</c>) after every <paramref name="poolEvery"/>th of them but
    /// the last (0: none), and a linear Dense(1) head, which flattens. <paramref name="arguments"/> is written after the
    /// activation of every convolution; with <paramref name="residual"/>, each convolution adds the output of the one
    /// before it where no pooling lies between.
    /// </summary>
    public static string ConvStack(string name, int depth, string activation, string arguments = "", int poolEvery = 0, bool residual = false, int rank = 1)
    {
        var text = new StringBuilder();
        text.Append("using NetGen;\n\n");
        text.Append("[Network(Loss = Loss.MeanSquaredError)]\n");
        text.Append($"public partial class {name}\n{{\n");
        text.Append($"    [Input({(rank == 1 ? "4, 32" : "3, 8, 8")})] public partial InputLayer In {{ get; }}\n");
        bool pooled = true;
        for (int layer = 1; layer <= depth; layer++)
        {
            string skip = residual && !pooled ? $", Residual = nameof(C{layer - 1})" : "";
            text.Append($"    [Conv{rank}D(16, 3, Activation.{activation}, Same = true{arguments}{skip})] public partial ConvLayer C{layer} {{ get; }}\n");
            pooled = poolEvery > 0 && layer % poolEvery == 0 && layer < depth;
            if (pooled) text.Append($"    [MaxPool{rank}D(2)] public partial PoolingLayer P{layer} {{ get; }}\n");
        }
        text.Append("    [Dense(1)] public partial DenseLayer Out { get; }\n");
        text.Append("}\n");
        return text.ToString();
    }
}
