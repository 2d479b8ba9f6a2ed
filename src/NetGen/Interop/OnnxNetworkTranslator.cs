using System;
using System.Collections.Generic;

namespace NetGen.Interop;

/// <summary>
/// Turns a network's layers into ONNX nodes and initializers. A network without recurrent layers takes
/// <c>[batch, …its input's shape]</c> (features, or PyTorch's NCL and NCHW for convolutions) and every tensor keeps
/// its layer's shape behind the batch axis; one with recurrent layers takes <c>[batch, steps, InputSize]</c> (NetGen's
/// batched layout) and works step-major inside, <c>[steps, batch, size]</c>, which is the layout ONNX's RNN, LSTM and
/// GRU read and write.
/// </summary>
internal static class OnnxNetworkTranslator
{
    private const string InputName = "input", OutputName = "output";

    private static readonly OnnxDimension s_batch = OnnxDimension.Symbolic("batch"), s_steps = OnnxDimension.Symbolic("steps");

    /// <summary>Adds <paramref name="net"/>'s graph to <paramref name="graph"/>.</summary>
    public static void Translate(INetwork net, OnnxGraphBuilder graph)
    {
        OnnxNetworkChecks.Check(net);
        IReadOnlyList<LayerInfo> layers = net.Layers;
        ReadOnlySpan<float> parameters = net.Parameters, buffers = net.Buffers;
        bool isSequenceNetwork = false;
        foreach (LayerInfo layer in layers) isSequenceNetwork |= layer.Descriptor!.IsRecurrent;

        // outputs[i] is layer i's tensor; holdsSteps[i] whether it has every step ([steps, batch, size]).
        var outputs = new string[layers.Count];
        var holdsSteps = new bool[layers.Count];
        if (isSequenceNetwork)
        {
            graph.AddInput(InputName, s_batch, s_steps, OnnxDimension.Fixed(net.InputSize));
            outputs[0] = Transpose(graph, InputName, $"{InputName}/StepMajor");
            holdsSteps[0] = true;
        }
        else
            outputs[0] = graph.AddInput(InputName, Batched(layers[0].OutputShape));

        for (int index = 1; index < layers.Count; index++)
        {
            LayerInfo layer = layers[index];
            ReadOnlySpan<float> slice = parameters.Slice(layer.ParameterOffset, layer.ParameterCount);
            string input = outputs[index - 1];
            NetGen.Model.LayerKindDescriptor kind = layer.Descriptor!;
            if (kind.IsRecurrent && !holdsSteps[index - 1])
                throw new NotSupportedException($"Layer '{layer.Name}' is recurrent but reads a single step: the layer before it must return sequences.");
            if (!kind.RunsOnSequences && holdsSteps[index - 1])
                throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) would run on every time step: the ONNX export has convolution, pooling, normalisation and dropout only in networks without recurrent layers.");
            // A tensor holding steps is [steps, batch, features] from the input on; any other keeps its layer's shape.
            // The graph is the evaluation mode Forward computes: dropout passes its input on, normalisations use running statistics.
            string output = kind.IsRecurrent ? RecurrentLayer(graph, layer, kind, slice, input)
                : kind.IsIdentityInEvaluation ? input
                : OnnxActivations.Apply(graph, layer, kind.OnnxOperator is not null
                    ? OperatorLayer(graph, layer, kind, slice, buffers, input)
                    : Dense(graph, layer, slice, holdsSteps[index - 1] ? input : Flattened(graph, layer, input)));
            holdsSteps[index] = kind.IsRecurrent ? layer.ReturnSequences : holdsSteps[index - 1];
            if (layer.Residual is not null)
            {
                int source = OnnxNetworkChecks.ResidualSource(layers, index);
                if (holdsSteps[source] != holdsSteps[index])
                    throw new ArgumentException($"The network cannot be exported: layer '{layer.Name}' adds '{layer.Residual}' across the end of the sequence (one holds every step, the other one step).", "net");
                output = graph.AddNode("Add", $"{layer.Name}/Residual", [output, outputs[source]], [$"{layer.Name}/Residual"]);
            }
            outputs[index] = output;
        }

        string last = outputs[^1];
        if (holdsSteps[^1])
        {
            Transpose(graph, last, OutputName);
            graph.AddOutput(OutputName, s_batch, s_steps, OnnxDimension.Fixed(net.OutputSize));
        }
        else
        {
            graph.AddNode("Identity", OutputName, [last], [OutputName]);
            graph.AddOutput(OutputName, Batched(layers[^1].OutputShape));
        }
    }

    /// <summary>The symbolic batch followed by <paramref name="shape"/>.</summary>
    private static OnnxDimension[] Batched(IReadOnlyList<int> shape)
    {
        var dimensions = new OnnxDimension[shape.Count + 1];
        dimensions[0] = s_batch;
        for (int axis = 0; axis < shape.Count; axis++) dimensions[axis + 1] = OnnxDimension.Fixed(shape[axis]);
        return dimensions;
    }

    /// <summary>
    /// A dense layer's input as <c>[batch, features]</c>: after a convolution or pooling layer it is <c>[batch, C, …]</c>,
    /// which a Flatten lays out in C, H, W order, as torch.nn.Flatten and NetGen's buffers do.
    /// </summary>
    private static string Flattened(OnnxGraphBuilder graph, LayerInfo layer, string input)
        => layer.InputShape.Count == 1 ? input : Flatten(graph, input, $"{layer.Name}/Flatten");

    private static string Flatten(OnnxGraphBuilder graph, string input, string output)
        => graph.AddNode("Flatten", output, [input], [output], OnnxAttribute.Int("axis", 1));

    /// <summary>
    /// A convolution, pooling or normalisation layer as the kind's <c>OnnxOperator</c> (Conv, MaxPool, AveragePool,
    /// GlobalAveragePool, BatchNormalization, LayerNormalization): the input, then the kind's tensors and buffers in
    /// PyTorch's layout and order, which are ONNX's (Conv's W <c>[filters, in, kernel…]</c>, B; BatchNormalization's
    /// scale, B, input_mean, input_var; LayerNormalization's Scale and B of the sample's shape); the window as
    /// kernel_shape, strides, dilations (where the kind dilates) and pads; the kind's own attributes. The node keeps the
    /// input's rank, so where the layer's shape has fewer axes (global pooling's <c>[N, C, 1, 1]</c> for <c>[C]</c>) it is flattened.
    /// </summary>
    private static string OperatorLayer(
        OnnxGraphBuilder graph, LayerInfo layer, NetGen.Model.LayerKindDescriptor kind, ReadOnlySpan<float> slice, ReadOnlySpan<float> buffers, string input)
    {
        string opType = kind.OnnxOperator!;
        var nodeInputs = new List<string> { input };
        AddInitializers(graph, layer, kind.Tensors(layer.Dimensions), slice, nodeInputs);
        NetGen.Model.TensorShape[] state = kind.Buffers(layer.Dimensions);
        if (state.Length > 0) AddInitializers(graph, layer, state, buffers[layer.BufferOffset..], nodeInputs);
        var attributes = new List<OnnxAttribute>();
        if (layer.Window is { } window) attributes.AddRange(WindowAttributes(kind, window));
        foreach ((string name, long value) in kind.OnnxIntAttributes) attributes.Add(OnnxAttribute.Int(name, value));
        foreach ((string name, float value) in kind.OnnxFloatAttributes) attributes.Add(OnnxAttribute.Float(name, value));

        string output = graph.AddNode(opType, $"{layer.Name}/{opType}", [.. nodeInputs], [$"{layer.Name}/{opType}"], [.. attributes]);
        return layer.OutputShape.Count < layer.InputShape.Count ? Flatten(graph, output, $"{layer.Name}/Flatten") : output;
    }

    /// <summary>Adds each of <paramref name="tensors"/>, laid out one after another in <paramref name="values"/>, as an initializer named <c>{layer}.{suffix}</c>.</summary>
    private static void AddInitializers(OnnxGraphBuilder graph, LayerInfo layer, NetGen.Model.TensorShape[] tensors, ReadOnlySpan<float> values, List<string> names)
    {
        int offset = 0;
        foreach (NetGen.Model.TensorShape tensor in tensors)
        {
            int count = (int)tensor.Count;
            long[] dims = Array.ConvertAll(tensor.Shape, dimension => (long)dimension);
            names.Add(graph.AddInitializer($"{layer.Name}.{tensor.Suffix}", values.Slice(offset, count), dims));
            offset += count;
        }
    }

    /// <summary>
    /// A window as ONNX attributes, one value per spatial axis (width only for a one-dimensional layer). ONNX's pads
    /// list every axis's leading padding, then every axis's trailing padding, so "same" with an even kernel and causal
    /// padding stay asymmetric. Dilations are written only for a kind that dilates: AveragePool has none before opset 19.
    /// </summary>
    private static OnnxAttribute[] WindowAttributes(NetGen.Model.LayerKindDescriptor kind, Window window)
    {
        long[] PerAxis(int height, int width) => kind.WindowRank == 1 ? [width] : [height, width];
        OnnxAttribute[] attributes =
        [
            OnnxAttribute.Ints("kernel_shape", PerAxis(window.KernelHeight, window.KernelWidth)),
            OnnxAttribute.Ints("strides", PerAxis(window.StrideHeight, window.StrideWidth)),
            OnnxAttribute.Ints("pads", [.. PerAxis(window.PadTop, window.PadLeft), .. PerAxis(window.PadBottom, window.PadRight)]),
        ];
        return kind.HasDilation ? [.. attributes, OnnxAttribute.Ints("dilations", PerAxis(window.DilationHeight, window.DilationWidth))] : attributes;
    }

    /// <summary>x·Wᵀ + b as MatMul and Add: MatMul multiplies over the last axis, so one form serves single samples and every step of a sequence.</summary>
    private static string Dense(OnnxGraphBuilder graph, LayerInfo layer, ReadOnlySpan<float> slice, string input)
    {
        int units = layer.OutputSize, inputs = layer.InputSize;
        var transposed = new float[units * inputs];
        for (int row = 0; row < units; row++)
            for (int column = 0; column < inputs; column++)
                transposed[column * units + row] = slice[row * inputs + column];
        string weight = graph.AddInitializer($"{layer.Name}.weight", transposed, inputs, units);
        string bias = graph.AddInitializer($"{layer.Name}.bias", slice.Slice(units * inputs, units), units);
        string product = graph.AddNode("MatMul", $"{layer.Name}/MatMul", [input, weight], [$"{layer.Name}/MatMul"]);
        return graph.AddNode("Add", $"{layer.Name}/Add", [product, bias], [$"{layer.Name}/Add"]);
    }

    /// <summary>
    /// An ONNX RNN, LSTM or GRU node (the kind's <c>OnnxOperator</c>), one direction, zero initial state. PyTorch's W_ih,
    /// W_hh, b_ih, b_hh (stored in that order) become W [1, rows, in], R [1, rows, units] and B [1, 2·rows] = b_ih then
    /// b_hh, gate blocks reordered as the kind's <c>OnnxGateOrder</c> says. A simple RNN names its activation; the
    /// gated kinds use ONNX's defaults, which are PyTorch's. The node's Y [steps, 1, batch, units] or Y_h [1, batch, units]
    /// loses its direction axis.
    /// </summary>
    private static string RecurrentLayer(OnnxGraphBuilder graph, LayerInfo layer, NetGen.Model.LayerKindDescriptor kind, ReadOnlySpan<float> slice, string input)
    {
        string opType = kind.OnnxOperator!;
        int[] gateOrder = kind.OnnxGateOrder;
        OnnxAttribute[] attributes = kind.Gates == 1 ? OnnxActivations.Recurrent(layer) : [];
        foreach ((string name, long value) in kind.OnnxIntAttributes) attributes = [.. attributes, OnnxAttribute.Int(name, value)];
        int rows = layer.Rows, units = layer.OutputSize, inputs = layer.InputSize;
        var w = new float[rows * inputs];
        var r = new float[rows * units];
        var b = new float[2 * rows];
        CopyGates(slice.Slice(0, rows * inputs), w, gateOrder);
        CopyGates(slice.Slice(rows * inputs, rows * units), r, gateOrder);
        CopyGates(slice.Slice(rows * (inputs + units), rows), b.AsSpan(0, rows), gateOrder);
        CopyGates(slice.Slice(rows * (inputs + units + 1), rows), b.AsSpan(rows), gateOrder);

        string[] nodeInputs =
        [
            input,
            graph.AddInitializer($"{layer.Name}.W", w, 1, rows, inputs),
            graph.AddInitializer($"{layer.Name}.R", r, 1, rows, units),
            graph.AddInitializer($"{layer.Name}.B", b, 1, 2 * rows),
        ];
        string sequence = $"{layer.Name}/{opType}/Y", lastStep = $"{layer.Name}/{opType}/Y_h";
        // Only the output the next layer reads is named; ONNX leaves an unnamed optional output uncomputed.
        string[] nodeOutputs = layer.ReturnSequences ? [sequence, ""] : ["", lastStep];
        graph.AddNode(opType, $"{layer.Name}/{opType}", nodeInputs, nodeOutputs, [OnnxAttribute.Int("hidden_size", units), .. attributes]);

        string squeezed = $"{layer.Name}/Squeeze";
        return layer.ReturnSequences
            ? graph.AddNode("Squeeze", squeezed, [sequence, graph.Int64Constant("axes/1", 1)], [squeezed])
            : graph.AddNode("Squeeze", squeezed, [lastStep, graph.Int64Constant("axes/0", 0)], [squeezed]);
    }

    /// <summary>Copies <paramref name="source"/>'s equal gate blocks so that block k of the destination is block order[k] of the source.</summary>
    private static void CopyGates(ReadOnlySpan<float> source, Span<float> destination, int[] order)
    {
        int block = source.Length / order.Length;
        for (int gate = 0; gate < order.Length; gate++)
            source.Slice(order[gate] * block, block).CopyTo(destination.Slice(gate * block, block));
    }

    /// <summary>Swaps the first two axes: [batch, steps, size] and [steps, batch, size] into each other.</summary>
    private static string Transpose(OnnxGraphBuilder graph, string input, string output)
        => graph.AddNode("Transpose", output, [input], [output], OnnxAttribute.Ints("perm", 1, 0, 2));
}
