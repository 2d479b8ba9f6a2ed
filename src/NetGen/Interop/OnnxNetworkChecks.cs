using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Interop;

/// <summary>
/// Checks that a network's layer descriptions are consistent before any of it is exported. Generated networks
/// always pass; a hand-written <see cref="INetwork"/> gets an <see cref="ArgumentException"/> naming what is wrong,
/// or a <see cref="NotSupportedException"/> for a layer kind with no ONNX form.
/// </summary>
internal static class OnnxNetworkChecks
{
    /// <summary>
    /// Throws unless the layers chain (input first, shapes matching), are of known kinds, have the shapes their kinds
    /// compute (a window where the kind slides one) and their parameter and state slices lie within <see cref="INetwork.Parameters"/>
    /// and <see cref="INetwork.Buffers"/>.
    /// </summary>
    public static void Check(INetwork net)
    {
        IReadOnlyList<LayerInfo> layers = net.Layers ?? throw Invalid("its Layers are null");
        if (layers.Count < 2 || layers[0].Kind != LayerKind.Input)
            throw Invalid($"its Layers must be the input followed by at least one layer (got {layers.Count} layer(s))");
        if (layers[0].OutputSize != net.InputSize || layers[^1].OutputSize != net.OutputSize)
            throw Invalid($"its layers run from {layers[0].OutputSize} to {Counted.Values(layers[^1].OutputSize)}, but InputSize is {net.InputSize} and OutputSize {net.OutputSize}");
        CheckShape(layers[0], layers[0].OutputShape, layers[0].OutputSize, "writes");
        int parameterLength = net.Parameters.Length, bufferLength = net.Buffers.Length;
        for (int index = 1; index < layers.Count; index++)
        {
            LayerInfo layer = layers[index];
            if (layer.Kind == LayerKind.Input)
                throw Invalid($"layer '{layer.Name}' is a second input");
            if (layer.Descriptor is not { } kind || (kind.IsRecurrent || kind.ReadsChannels) && kind.OnnxOperator is null)
                throw new NotSupportedException($"Layer '{layer.Name}' is of kind {layer.Kind}, which has no ONNX export.");
            CheckShape(layer, layer.InputShape, layer.InputSize, "reads");
            CheckShape(layer, layer.OutputShape, layer.OutputSize, "writes");
            if (!layer.InputShape.SequenceEqual(layers[index - 1].OutputShape))
                throw Invalid($"layer '{layer.Name}' reads {Text(layer.InputShape)} but '{layers[index - 1].Name}' before it writes {Text(layers[index - 1].OutputShape)}");
            CheckKindShapes(layer, kind);
            if (layer.ParameterOffset < 0 || layer.ParameterCount != layer.WeightCount + layer.BiasCount
                || (long)layer.ParameterOffset + layer.ParameterCount > parameterLength)
                throw Invalid($"layer '{layer.Name}' claims {Counted.Of(layer.ParameterCount, "parameter")} at offset {layer.ParameterOffset} (expected {layer.WeightCount + layer.BiasCount} within the {Counted.Of(parameterLength, "parameter")})");
            long buffers = kind.BufferCount(layer.Dimensions);
            if (buffers > 0 && (layer.BufferOffset < 0 || layer.BufferOffset + buffers > bufferLength))
                throw Invalid($"layer '{layer.Name}' claims {Counted.Values(buffers)} of state at offset {layer.BufferOffset} (within the {Counted.Values(bufferLength)} of Buffers)");
            if (layer.Residual is not null)
                ResidualSource(layers, index);
        }
    }

    /// <summary>The index of the earlier layer named by layer <paramref name="index"/>'s Residual; throws if there is none of the same shape.</summary>
    public static int ResidualSource(IReadOnlyList<LayerInfo> layers, int index)
    {
        LayerInfo layer = layers[index];
        for (int source = index - 1; source >= 0; source--)
        {
            if (layers[source].Name != layer.Residual) continue;
            if (!layers[source].OutputShape.SequenceEqual(layer.OutputShape))
                throw Invalid($"layer '{layer.Name}' ({Text(layer.OutputShape)}) adds the output of '{layer.Residual}' ({Text(layers[source].OutputShape)})");
            return source;
        }
        throw Invalid($"layer '{layer.Name}' adds the output of '{layer.Residual}', which is no earlier layer");
    }

    /// <summary>A shape has positive dimensions whose product is the size it stands for.</summary>
    private static void CheckShape(LayerInfo layer, IReadOnlyList<int> shape, int size, string verb)
    {
        long product = 1;
        foreach (int dimension in shape) product *= dimension;
        if (shape.Count == 0 || shape.Any(dimension => dimension <= 0) || product != size)
            throw Invalid($"layer '{layer.Name}' {verb} {Counted.Values(size)} of shape {Text(shape)}");
    }

    /// <summary>The input has the dimensions the kind reads, a window kind has its window, and the output is what the kind computes from them.</summary>
    private static void CheckKindShapes(LayerInfo layer, NetGen.Model.LayerKindDescriptor kind)
    {
        int rank = layer.InputShape.Count;
        if (kind.InputRank > 0 ? rank != kind.InputRank : kind.ReadsChannels && rank < 2)
            throw Invalid($"layer '{layer.Name}' ({layer.Kind}) reads {Text(layer.InputShape)}, but its kind reads {(kind.InputRank > 0 ? Counted.Of(kind.InputRank, "dimension") : "channels × positions")}");
        if (kind.WindowRank > 0 && layer.Window is null)
            throw Invalid($"layer '{layer.Name}' ({layer.Kind}) has no window");
        int[] expected = kind.OutputDimensions([.. layer.InputShape], layer.OutputShape[0], layer.Window);
        if (!layer.OutputShape.SequenceEqual(expected))
            throw Invalid($"layer '{layer.Name}' ({layer.Kind}) writes {Text(layer.OutputShape)} but computes {Text(expected)} from {Text(layer.InputShape)}");
    }

    /// <summary>"[4, 6, 5]".</summary>
    private static string Text(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    private static ArgumentException Invalid(string problem) => new($"The network cannot be exported: {problem}.", "net");
}
