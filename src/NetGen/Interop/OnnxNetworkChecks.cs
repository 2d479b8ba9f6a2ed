using System;
using System.Collections.Generic;

namespace NetGen.Interop;

/// <summary>
/// Checks that a network's layer descriptions are consistent before any of it is exported. Generated networks
/// always pass; a hand-written <see cref="INetwork"/> gets an <see cref="ArgumentException"/> naming what is wrong,
/// or a <see cref="NotSupportedException"/> for a layer kind with no ONNX form.
/// </summary>
internal static class OnnxNetworkChecks
{
    /// <summary>Throws unless the layers chain (input first, sizes matching), are of known kinds and their parameter slices lie within <see cref="INetwork.Parameters"/>.</summary>
    public static void Check(INetwork net)
    {
        IReadOnlyList<LayerInfo> layers = net.Layers ?? throw Invalid("its Layers are null");
        if (layers.Count < 2 || layers[0].Kind != LayerKind.Input)
            throw Invalid($"its Layers must be the input followed by at least one layer (got {layers.Count} layer(s))");
        if (layers[0].OutputSize != net.InputSize || layers[^1].OutputSize != net.OutputSize)
            throw Invalid($"its layers run from {layers[0].OutputSize} to {Counted.Values(layers[^1].OutputSize)}, but InputSize is {net.InputSize} and OutputSize {net.OutputSize}");
        int parameterLength = net.Parameters.Length;
        for (int index = 1; index < layers.Count; index++)
        {
            LayerInfo layer = layers[index];
            if (layer.Kind == LayerKind.Input)
                throw Invalid($"layer '{layer.Name}' is a second input");
            if (layer.Descriptor is not { } kind || kind.IsRecurrent && kind.OnnxOperator is null)
                throw new NotSupportedException($"Layer '{layer.Name}' is of kind {layer.Kind}, which has no ONNX export.");
            if (layer.InputSize != layers[index - 1].OutputSize)
                throw Invalid($"layer '{layer.Name}' reads {Counted.Values(layer.InputSize)} but '{layers[index - 1].Name}' before it writes {layers[index - 1].OutputSize}");
            if (layer.ParameterOffset < 0 || layer.ParameterCount != layer.WeightCount + layer.BiasCount
                || (long)layer.ParameterOffset + layer.ParameterCount > parameterLength)
                throw Invalid($"layer '{layer.Name}' claims {Counted.Of(layer.ParameterCount, "parameter")} at offset {layer.ParameterOffset} (expected {layer.WeightCount + layer.BiasCount} within the {Counted.Of(parameterLength, "parameter")})");
            if (layer.Residual is not null)
                ResidualSource(layers, index);
        }
    }

    /// <summary>The index of the earlier layer named by layer <paramref name="index"/>'s Residual; throws if there is none of the same size.</summary>
    public static int ResidualSource(IReadOnlyList<LayerInfo> layers, int index)
    {
        LayerInfo layer = layers[index];
        for (int source = index - 1; source >= 0; source--)
        {
            if (layers[source].Name != layer.Residual) continue;
            if (layers[source].OutputSize != layer.OutputSize)
                throw Invalid($"layer '{layer.Name}' ({Counted.Values(layer.OutputSize)}) adds the output of '{layer.Residual}' ({Counted.Values(layers[source].OutputSize)})");
            return source;
        }
        throw Invalid($"layer '{layer.Name}' adds the output of '{layer.Residual}', which is no earlier layer");
    }

    private static ArgumentException Invalid(string problem) => new($"The network cannot be exported: {problem}.", "net");
}
