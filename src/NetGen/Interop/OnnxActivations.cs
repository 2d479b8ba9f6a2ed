using System;
using NetGen.Activations;

namespace NetGen.Interop;

/// <summary>How each NetGen activation is written in ONNX opset 17, as graph nodes and as an RNN's activation attributes.</summary>
internal static class OnnxActivations
{
    private const float Sqrt2 = 1.41421356f;

    /// <summary>Appends the nodes that apply <paramref name="layer"/>'s activation to <paramref name="input"/>; returns the result's name.</summary>
    public static string Apply(OnnxGraphBuilder graph, LayerInfo layer, string input)
    {
        ActivationInfo activation = Known(layer);
        switch (activation.OnnxForm)
        {
            case OnnxActivationForm.Identity: return input;
            case OnnxActivationForm.ErfGelu: return Gelu(graph, layer.Name, input);
            case OnnxActivationForm.TimesInput:
                string gate = Node(graph, activation.OnnxOperator, layer.Name, input);
                return graph.AddNode("Mul", $"{layer.Name}/Mul", [input, gate], [$"{layer.Name}/Mul"]);
            default:
                var attributes = new OnnxAttribute[activation.OnnxAttributes.Length];
                for (int i = 0; i < attributes.Length; i++) attributes[i] = OnnxAttribute.Float(activation.OnnxAttributes[i].Name, activation.OnnxAttributes[i].Value);
                return Node(graph, activation.OnnxOperator, layer.Name, input, attributes);
        }
    }

    /// <summary>
    /// The <c>activations</c> (and <c>activation_alpha</c>) attributes of an ONNX <c>RNN</c> node for a simple recurrent
    /// layer's activation; the identity is Affine(x) = alpha·x + beta with alpha 1, beta 0. ONNX's RNN offers no GELU or softmax.
    /// </summary>
    public static OnnxAttribute[] Recurrent(LayerInfo layer)
    {
        ActivationInfo activation = Known(layer);
        if (activation.OnnxForm == OnnxActivationForm.Identity)
            return [OnnxAttribute.Strings("activations", "Affine"), OnnxAttribute.Floats("activation_alpha", 1f), OnnxAttribute.Floats("activation_beta", 0f)];
        if (!activation.OnnxRecurrent) throw Unsupported(layer);
        OnnxAttribute function = OnnxAttribute.Strings("activations", activation.OnnxOperator);
        return activation.OnnxAttributes.Length == 0 ? [function] : [function, OnnxAttribute.Floats("activation_alpha", activation.OnnxAttributes[0].Value)];
    }

    private static NotSupportedException Unsupported(LayerInfo layer)
        => new($"Layer '{layer.Name}' ({layer.Kind}, {layer.Activation}) cannot be exported to ONNX: opset {OnnxGraphBuilder.OpsetVersion} has no such {(layer.Descriptor is { IsRecurrent: true } ? "RNN activation" : "activation")}.");

    private static ActivationInfo Known(LayerInfo layer) => ActivationCatalog.IsDefined(layer.Activation) ? ActivationCatalog.Of(layer.Activation) : throw Unsupported(layer);

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
