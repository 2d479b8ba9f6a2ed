using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Interop;

/// <summary>
/// Collects an ONNX graph (nodes, float initializers, typed inputs and outputs) already encoded as protobuf, and
/// writes it as a <c>ModelProto</c>. Every tensor name is checked to be new, since an ONNX graph is in SSA form.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    // Field numbers from onnx.proto.
    private const int ModelIrVersionField = 1, ModelProducerNameField = 2, ModelProducerVersionField = 3, ModelGraphField = 7, ModelOpsetImportField = 8;
    private const int OpsetDomainField = 1, OpsetVersionField = 2;
    private const int GraphNodeField = 1, GraphNameField = 2, GraphInitializerField = 5, GraphInputField = 11, GraphOutputField = 12;
    private const int NodeInputField = 1, NodeOutputField = 2, NodeNameField = 3, NodeOpTypeField = 4, NodeAttributeField = 5;
    private const int TensorDimsField = 1, TensorDataTypeField = 2, TensorNameField = 8, TensorRawDataField = 9;
    private const int ValueInfoNameField = 1, ValueInfoTypeField = 2;
    private const int TypeTensorTypeField = 1, TensorTypeElemTypeField = 1, TensorTypeShapeField = 2;
    private const int ShapeDimField = 1, DimensionValueField = 1, DimensionParamField = 2;
    private const int FloatDataType = 1, Int64DataType = 7;

    /// <summary>IR version 8 goes with opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset the graph's operators are taken from.</summary>
    public const long OpsetVersion = 17;

    private readonly ProtobufWriter _nodes = new();
    private readonly ProtobufWriter _initializers = new();
    private readonly ProtobufWriter _inputs = new();
    private readonly ProtobufWriter _outputs = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Adds a float tensor of shape <paramref name="dims"/> holding <paramref name="values"/> (row-major); returns its name.</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        ProtobufWriter tensor = StartTensor(name, FloatDataType, dims);
        tensor.WriteFloatsAsBytes(TensorRawDataField, values);
        _initializers.WriteMessage(GraphInitializerField, tensor);
        return name;
    }

    /// <summary>Adds a one-dimensional int64 tensor (e.g. the axes of a Squeeze); returns its name.</summary>
    public string AddInitializer(string name, params long[] values)
    {
        ProtobufWriter tensor = StartTensor(name, Int64DataType, values.Length);
        byte[] bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        tensor.WriteBytes(TensorRawDataField, bytes);
        _initializers.WriteMessage(GraphInitializerField, tensor);
        return name;
    }

    /// <summary>A scalar float constant, added the first time it is asked for; returns its name.</summary>
    public string ScalarConstant(string name, float value)
        => _names.Contains(name) ? name : AddInitializer(name, [value]);

    /// <summary>A one-dimensional int64 constant, added the first time it is asked for; returns its name.</summary>
    public string Int64Constant(string name, params long[] values)
        => _names.Contains(name) ? name : AddInitializer(name, values);

    /// <summary>
    /// Adds a node of the default domain; returns the name of its first output. An empty string in
    /// <paramref name="inputs"/> or <paramref name="outputs"/> leaves out an optional one.
    /// </summary>
    public string AddNode(string opType, string name, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs) node.WriteString(NodeInputField, input);
        foreach (string output in outputs)
        {
            if (output.Length > 0) Claim(output);
            node.WriteString(NodeOutputField, output);
        }
        node.WriteString(NodeNameField, name);
        node.WriteString(NodeOpTypeField, opType);
        foreach (OnnxAttribute attribute in attributes) node.WriteMessage(NodeAttributeField, attribute.Encoded);
        _nodes.WriteMessage(GraphNodeField, node);
        return outputs[0];
    }

    /// <summary>Declares a float graph input; returns its name.</summary>
    public string AddInput(string name, params OnnxDimension[] shape)
    {
        Claim(name);
        _inputs.WriteMessage(GraphInputField, ValueInfo(name, shape));
        return name;
    }

    /// <summary>Declares a float graph output, which a node must produce.</summary>
    public void AddOutput(string name, params OnnxDimension[] shape) => _outputs.WriteMessage(GraphOutputField, ValueInfo(name, shape));

    /// <summary>Writes the model: IR version, opset import, producer and the graph named <paramref name="graphName"/>.</summary>
    public void WriteModel(Stream stream, string graphName, string producerName, string producerVersion)
    {
        var opset = new ProtobufWriter();
        opset.WriteString(OpsetDomainField, "");
        opset.WriteInt64(OpsetVersionField, OpsetVersion);

        var graphHead = new ProtobufWriter();
        graphHead.WriteString(GraphNameField, graphName);
        ProtobufWriter[] graphParts = [graphHead, _nodes, _initializers, _inputs, _outputs];
        long graphLength = 0;
        foreach (ProtobufWriter part in graphParts) graphLength += part.WrittenSpan.Length;
        if (graphLength > Array.MaxLength)
            throw new NotSupportedException($"The ONNX graph needs {Counted.Of(graphLength, "byte")}; a protobuf message holds at most {Array.MaxLength}.");

        // The graph is streamed behind its length rather than copied into the model message: it holds every weight.
        var model = new ProtobufWriter();
        model.WriteInt64(ModelIrVersionField, IrVersion);
        model.WriteString(ModelProducerNameField, producerName);
        model.WriteString(ModelProducerVersionField, producerVersion);
        model.WriteMessage(ModelOpsetImportField, opset);
        model.WriteLengthPrefix(ModelGraphField, (int)graphLength);
        model.CopyTo(stream);
        foreach (ProtobufWriter part in graphParts) part.CopyTo(stream);
    }

    private ProtobufWriter StartTensor(string name, int dataType, params long[] dims)
    {
        Claim(name);
        var tensor = new ProtobufWriter();
        foreach (long dim in dims) tensor.WriteInt64(TensorDimsField, dim);
        tensor.WriteInt64(TensorDataTypeField, dataType);
        tensor.WriteString(TensorNameField, name);
        return tensor;
    }

    private static ProtobufWriter ValueInfo(string name, OnnxDimension[] shape)
    {
        var shapeMessage = new ProtobufWriter();
        foreach (OnnxDimension dimension in shape)
        {
            var dim = new ProtobufWriter();
            if (dimension.Symbol is null) dim.WriteInt64(DimensionValueField, dimension.Size);
            else dim.WriteString(DimensionParamField, dimension.Symbol);
            shapeMessage.WriteMessage(ShapeDimField, dim);
        }
        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(TensorTypeElemTypeField, FloatDataType);
        tensorType.WriteMessage(TensorTypeShapeField, shapeMessage);
        var type = new ProtobufWriter();
        type.WriteMessage(TypeTensorTypeField, tensorType);
        var valueInfo = new ProtobufWriter();
        valueInfo.WriteString(ValueInfoNameField, name);
        valueInfo.WriteMessage(ValueInfoTypeField, type);
        return valueInfo;
    }

    /// <summary>Records a new tensor name; layer names are the only source of a clash, so the message points there.</summary>
    private void Claim(string name)
    {
        if (!_names.Add(name))
            throw new ArgumentException($"Two ONNX tensors would be named '{name}': give the network's layers distinct names.", "net");
    }
}
