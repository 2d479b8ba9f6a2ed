using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NetGen.Benchmarks.Baselines;

/// <summary>
/// ONNX Runtime (the NuGet package Microsoft.ML.OnnxRuntime, its default CPU execution provider, all graph
/// optimisations) running W7's network on one sample. The session binds a preallocated input and output once
/// (<see cref="OrtIoBinding"/>), so a call is <c>RunWithBinding</c> alone: ONNX Runtime's fastest way to run a model
/// repeatedly from C#.
/// </summary>
/// <remarks>
/// The model comes from NetGen's <see cref="OnnxExport"/> when it can export the network; until convolutions have an
/// ONNX form there, <see cref="FashionCnnGraph"/> writes the same graph directly (see <see cref="Source"/>).
/// </remarks>
public sealed class OnnxRuntimeCnn : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input, _output;
    private readonly float[] _inputBuffer, _outputBuffer;

    /// <summary>A session over <paramref name="network"/>'s current parameters with <paramref name="threads"/> intra-op threads.</summary>
    public OnnxRuntimeCnn(FashionCnn network, int threads)
    {
        (byte[] model, Source) = Model(network);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        string inputName = _session.InputMetadata.Keys.Single(), outputName = _session.OutputMetadata.Keys.Single();
        long[] inputShape = [.. _session.InputMetadata[inputName].Dimensions.Select(d => d < 0 ? 1L : d)];
        long[] outputShape = [.. _session.OutputMetadata[outputName].Dimensions.Select(d => d < 0 ? 1L : d)];
        _inputBuffer = new float[FashionCnn.InputSize];
        _outputBuffer = new float[FashionCnn.OutputSize];
        _input = OrtValue.CreateTensorValueFromMemory(_inputBuffer, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(_outputBuffer, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inputName, _input);
        _binding.BindOutput(outputName, _output);
        Threads = threads;
    }

    /// <summary>Where the model came from: NetGen's OnnxExport, or the graph written here.</summary>
    public string Source { get; }

    /// <summary>Intra-op threads.</summary>
    public int Threads { get; }

    /// <summary>The sample the next <see cref="Run"/> reads.</summary>
    public Span<float> Input => _inputBuffer;

    /// <summary>What the last <see cref="Run"/> wrote: the 10 class probabilities.</summary>
    public ReadOnlySpan<float> Output => _outputBuffer;

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>Frees the session and its native values.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static (byte[] Model, string Source) Model(FashionCnn network)
    {
        try
        {
            using var stream = new MemoryStream();
            OnnxExport.Save(network, stream);
            return (stream.ToArray(), "NetGen's OnnxExport");
        }
        catch (Exception exception) // NotSupportedException once the layer kinds are checked; main's exporter (no conv form yet) fails inside its dense-layer translation
        {
            return (FashionCnnGraph.Write(network.Parameters), $"the graph written by FashionCnnGraph (OnnxExport failed: {exception.GetType().Name}: {exception.Message})");
        }
    }
}

/// <summary>
/// W7's network as an ONNX model written directly (opset 17): Conv (pads 1) → Relu → MaxPool 2 → Conv → Relu → MaxPool 2
/// → Flatten → Gemm (transB) → Relu → Gemm (transB) → Softmax, NetGen's parameters as float initializers (PyTorch's
/// layouts on both sides: conv weights <c>[out, in, kh, kw]</c>, dense <c>[out, in]</c>). Input <c>"input"</c>
/// <c>[1, 1, 28, 28]</c>, output <c>"output"</c> <c>[1, 10]</c>. The protocol-buffer encoding is written by hand: a
/// handful of fields of ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto.
/// </summary>
public static class FashionCnnGraph
{
    /// <summary>The model's bytes, with <paramref name="parameters"/> (NetGen's layout for <see cref="FashionCnn"/>) as initializers.</summary>
    public static byte[] Write(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != FashionCnn.ParameterCount) throw new ArgumentException($"Expected {FashionCnn.ParameterCount} parameters.", nameof(parameters));
        var graph = new Message();
        int offset = 0;
        string Initializer(string name, ReadOnlySpan<float> all, params long[] dims)
        {
            int count = (int)dims.Aggregate(1L, (a, b) => a * b);
            graph.Add(5, Tensor(name, all.Slice(offset, count), dims));
            offset += count;
            return name;
        }
        string w1 = Initializer("conv1.weight", parameters, 16, 1, 3, 3), b1 = Initializer("conv1.bias", parameters, 16);
        string w2 = Initializer("conv2.weight", parameters, 32, 16, 3, 3), b2 = Initializer("conv2.bias", parameters, 32);
        string w3 = Initializer("hidden.weight", parameters, 128, 1568), b3 = Initializer("hidden.bias", parameters, 128);
        string w4 = Initializer("out.weight", parameters, 10, 128), b4 = Initializer("out.bias", parameters, 10);
        Message Conv() => new Message().Add(Ints("kernel_shape", 3, 3)).Add(Ints("pads", 1, 1, 1, 1)).Add(Ints("strides", 1, 1));
        Message Pool() => new Message().Add(Ints("kernel_shape", 2, 2)).Add(Ints("strides", 2, 2));
        graph.Add(1, Node("Conv", ["input", w1, b1], "c1", Conv()));
        graph.Add(1, Node("Relu", ["c1"], "r1"));
        graph.Add(1, Node("MaxPool", ["r1"], "p1", Pool()));
        graph.Add(1, Node("Conv", ["p1", w2, b2], "c2", Conv()));
        graph.Add(1, Node("Relu", ["c2"], "r2"));
        graph.Add(1, Node("MaxPool", ["r2"], "p2", Pool()));
        graph.Add(1, Node("Flatten", ["p2"], "f", new Message().Add(Int("axis", 1))));
        graph.Add(1, Node("Gemm", ["f", w3, b3], "g1", new Message().Add(Int("transB", 1))));
        graph.Add(1, Node("Relu", ["g1"], "r3"));
        graph.Add(1, Node("Gemm", ["r3", w4, b4], "g2", new Message().Add(Int("transB", 1))));
        graph.Add(1, Node("Softmax", ["g2"], "output", new Message().Add(Int("axis", 1))));
        graph.Add(2, "fashion_cnn");
        graph.Add(11, ValueInfo("input", 1, 1, 28, 28));
        graph.Add(12, ValueInfo("output", 1, 10));
        var model = new Message();
        model.AddVarint(1, 8); // ir_version
        model.Add(2, "NetGen.Benchmarks"); // producer_name
        model.Add(7, graph);
        model.Add(8, new Message().Add(1, "").AddVarint(2, 17)); // opset_import: the default domain, 17
        return model.ToArray();
    }

    private static Message Node(string op, string[] inputs, string output, Message? attributes = null)
    {
        var node = new Message();
        foreach (string input in inputs) node.Add(1, input);
        node.Add(2, output);
        node.Add(3, output + "_node");
        node.Add(4, op);
        if (attributes is not null) node.AddRaw(attributes);
        return node;
    }

    /// <summary>An INTS attribute (AttributeProto type 7), as field 5 of a NodeProto.</summary>
    private static (int, Message) Ints(string name, params long[] values)
    {
        var attribute = new Message().Add(1, name).AddVarint(20, 7);
        foreach (long value in values) attribute.AddVarint(8, (ulong)value);
        return (5, attribute);
    }

    /// <summary>An INT attribute (type 2).</summary>
    private static (int, Message) Int(string name, long value) => (5, new Message().Add(1, name).AddVarint(20, 2).AddVarint(3, (ulong)value));

    private static Message Tensor(string name, ReadOnlySpan<float> values, long[] dims)
    {
        var tensor = new Message();
        foreach (long dim in dims) tensor.AddVarint(1, (ulong)dim);
        tensor.AddVarint(2, 1); // FLOAT
        tensor.Add(8, name);
        byte[] raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(raw.AsSpan(i * sizeof(float)), values[i]); // little-endian, as raw_data wants
        tensor.Add(9, raw);
        return tensor;
    }

    private static Message ValueInfo(string name, params long[] dims)
    {
        var shape = new Message();
        foreach (long dim in dims) shape.Add(1, new Message().AddVarint(1, (ulong)dim));
        var tensorType = new Message().AddVarint(1, 1).Add(2, shape);
        return new Message().Add(1, name).Add(2, new Message().Add(1, tensorType));
    }

    /// <summary>A protocol-buffer message being written: fields in the order they are added.</summary>
    private sealed class Message
    {
        private readonly List<byte> _bytes = [];

        public Message AddVarint(int field, ulong value)
        {
            Varint((ulong)field << 3);
            Varint(value);
            return this;
        }

        public Message Add(int field, string value) => Add(field, Encoding.UTF8.GetBytes(value));

        public Message Add(int field, Message value) => Add(field, value._bytes.ToArray());

        public Message Add((int Field, Message Value) field) => Add(field.Field, field.Value);

        public Message Add(int field, byte[] value)
        {
            Varint(((ulong)field << 3) | 2);
            Varint((ulong)value.Length);
            _bytes.AddRange(value);
            return this;
        }

        /// <summary>Appends another message's fields as they are (a NodeProto's attributes, already tagged).</summary>
        public Message AddRaw(Message fields)
        {
            _bytes.AddRange(fields._bytes);
            return this;
        }

        public byte[] ToArray() => [.. _bytes];

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }
            _bytes.Add((byte)value);
        }
    }
}
