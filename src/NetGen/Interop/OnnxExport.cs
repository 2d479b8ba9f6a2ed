using System;
using System.IO;
using NetGen.Interop;

namespace NetGen;

/// <summary>
/// Writes a network as an ONNX model (opset <see cref="OpsetVersion"/>, weights as float32 initializers) that ONNX
/// Runtime and other ONNX tools run. Dense layers become MatMul and Add with their activation, residuals Add,
/// simple recurrent layers ONNX's RNN, LSTM layers its LSTM (gates reordered to ONNX's i, o, f, c) and GRU layers its
/// GRU (gates reordered to ONNX's z, r, h; linear_before_reset = 1, PyTorch's placement of the reset gate);
/// convolutions become Conv, pooling MaxPool, AveragePool (count_include_pad = 1) or GlobalAveragePool, and a dense
/// layer after them reads a Flatten. The model computes what <see cref="INetwork.Forward(ReadOnlySpan{float}, Span{float})"/>
/// does, evaluation mode: batch normalisation becomes BatchNormalization in inference mode (its running statistics as
/// input_mean and input_var, epsilon 1e-5), layer normalisation LayerNormalization over every axis after the batch
/// (axis 1, epsilon 1e-5), each followed by its activation; dropout, the identity in evaluation, has no node.
/// </summary>
/// <remarks>
/// The model's input is <c>"input"</c>: <c>[batch, InputSize]</c>; <c>[batch, C, L]</c> or <c>[batch, C, H, W]</c> as
/// declared for a convolutional network; <c>[batch, steps, InputSize]</c> for a network with recurrent layers (rows are
/// samples, as in the batched <see cref="INetwork.Forward(ReadOnlySpan{float}, Span{float}, int)"/>, so the same floats
/// feed both). Its output is <c>"output"</c>, <c>[batch, OutputSize]</c> (<c>[batch, C, …]</c> when the last layer is
/// a convolution or pooling), or <c>[batch, steps, OutputSize]</c> when the last layer returns every step. <c>batch</c>
/// and <c>steps</c> are symbolic dimensions.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX default-domain opset the model imports.</summary>
    public const int OpsetVersion = (int)OnnxGraphBuilder.OpsetVersion;

    /// <summary>Writes <paramref name="net"/> as an ONNX model to the file <paramref name="path"/> (replacing it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="net"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space, or the network's layer descriptions are inconsistent.</exception>
    /// <exception cref="NotSupportedException">A layer has no ONNX form (e.g. a simple recurrent layer with GELU); no file is written.</exception>
    public static void Save(INetwork net, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // The whole graph is built before the file is opened, so an unsupported network leaves no file behind.
        OnnxGraphBuilder graph = Build(net);
        using FileStream stream = File.Create(path);
        Write(graph, net, stream);
    }

    /// <summary>Writes <paramref name="net"/> as an ONNX model to <paramref name="stream"/>, from its current position.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="net"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or the network's layer descriptions are inconsistent.</exception>
    /// <exception cref="NotSupportedException">A layer has no ONNX form; nothing is written.</exception>
    public static void Save(INetwork net, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
            throw new ArgumentException("The stream must be writable.", nameof(stream));
        Write(Build(net), net, stream);
    }

    private static OnnxGraphBuilder Build(INetwork net)
    {
        var graph = new OnnxGraphBuilder();
        OnnxNetworkTranslator.Translate(net, graph);
        return graph;
    }

    private static void Write(OnnxGraphBuilder graph, INetwork net, Stream stream)
    {
        Version? version = typeof(OnnxExport).Assembly.GetName().Version;
        graph.WriteModel(stream, net.GetType().Name, "NetGen", version?.ToString(3) ?? "0.0.0");
    }
}
