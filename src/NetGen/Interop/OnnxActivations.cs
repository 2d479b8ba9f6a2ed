using System;
using NetGen.Activations;

namespace NetGen.Interop;

/// <summary>How each NetGen activation is written in ONNX opset 17, as graph nodes and as an RNN's activation attributes.</summary>
internal static class OnnxActivations
{
    private const float Sqrt2 = 1.41421356f;

    /// <summary>Appends the nodes that apply <paramref name="layer"/>'s activation to <paramref name="input"/>; returns the result's name.</summary>
    public static string Apply(OnnxGraphBuilder graph, LayerInfo layer, string input) => layer.Activation switch
    {
        Activation.Linear => input,
        Activation.Sigmoid => Node(graph, "Sigmoid", layer.Name, input),
        Activation.Tanh => Node(graph, "Tanh", layer.Name, input),
        Activation.Relu => Node(graph, "Relu", layer.Name, input),
        Activation.LeakyRelu => Node(graph, "LeakyRelu", layer.Name, input, OnnxAttribute.Float("alpha", LeakyRelu.Slope)),
        Activation.Elu => Node(graph, "Elu", layer.Name, input, OnnxAttribute.Float("alpha", 1f)),
        Activation.Softplus => Node(graph, "Softplus", layer.Name, input),
        Activation.Softmax => Node(graph, "Softmax", layer.Name, input, OnnxAttribute.Int("axis", -1)),
        Activation.Gelu => Gelu(graph, layer.Name, input),
        _ => throw Unsupported(layer),
    };

    /// <summary>
    /// The <c>activations</c> (and <c>activation_alpha</c>/<c>activation_beta</c>) attributes of an ONNX <c>RNN</c>
    /// node for a simple recurrent layer's activation. ONNX's RNN offers no GELU or softmax.
    /// </summary>
    public static OnnxAttribute[] Recurrent(LayerInfo layer) => layer.Activation switch
    {
        Activation.Tanh => Function("Tanh"),
        Activation.Sigmoid => Function("Sigmoid"),
        Activation.Relu => Function("Relu"),
        Activation.Softplus => Function("Softplus"),
        Activation.LeakyRelu => [.. Function("LeakyRelu"), OnnxAttribute.Floats("activation_alpha", LeakyRelu.Slope)],
        Activation.Elu => [.. Function("Elu"), OnnxAttribute.Floats("activation_alpha", 1f)],
        // Affine(x) = alpha·x + beta: the identity with alpha 1, beta 0.
        Activation.Linear => [.. Function("Affine"), OnnxAttribute.Floats("activation_alpha", 1f), OnnxAttribute.Floats("activation_beta", 0f)],
        _ => throw Unsupported(layer),
    };

    private static OnnxAttribute[] Function(string name) => [OnnxAttribute.Strings("activations", name)];

    private static NotSupportedException Unsupported(LayerInfo layer)
        => new($"Layer '{layer.Name}' ({layer.Kind}, {layer.Activation}) cannot be exported to ONNX: opset {OnnxGraphBuilder.OpsetVersion} has no such {(layer.Kind == LayerKind.Dense ? "activation" : "RNN activation")}.");

    private static string Node(OnnxGraphBuilder graph, string opType, string prefix, string input, params OnnxAttribute[] attributes)
    {
        string name = $"{prefix}/{opType}";
        return graph.AddNode(opType, name, [input], [name], attributes);
    }

    /// <summary>
    /// The exact GELU, x·½·(1 + erf(x/√2)), from Erf (opset 17 has no Gelu node, which came with opset 20). The nodes
    /// are in the order PyTorch exports them, a pattern ONNX Runtime fuses back into one Gelu kernel.
    /// </summary>
    private static string Gelu(OnnxGraphBuilder graph, string prefix, string input)
    {
        string scaled = graph.AddNode("Div", $"{prefix}/Gelu/Div", [input, graph.ScalarConstant("Gelu/sqrt2", Sqrt2)], [$"{prefix}/Gelu/Div"]);
        string erf = graph.AddNode("Erf", $"{prefix}/Gelu/Erf", [scaled], [$"{prefix}/Gelu/Erf"]);
        string onePlus = graph.AddNode("Add", $"{prefix}/Gelu/Add", [erf, graph.ScalarConstant("Gelu/one", 1f)], [$"{prefix}/Gelu/Add"]);
        string product = graph.AddNode("Mul", $"{prefix}/Gelu/Mul", [input, onePlus], [$"{prefix}/Gelu/Mul"]);
        return graph.AddNode("Mul", $"{prefix}/Gelu/Half", [product, graph.ScalarConstant("Gelu/half", 0.5f)], [$"{prefix}/Gelu/Half"]);
    }
}
