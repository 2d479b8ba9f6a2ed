using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Onnx.Tests;

/// <summary>An ONNX node as the model file holds it: operator, name, inputs, outputs and attributes by name.</summary>
internal sealed record OnnxNode(string OpType, string Name, string[] Inputs, string[] Outputs, IReadOnlyDictionary<string, OnnxAttributeValue> Attributes);

/// <summary>One attribute's values (only the kinds the exporter writes: int, float, ints, floats, strings).</summary>
internal sealed record OnnxAttributeValue(long? Int, float? Float, long[] Ints, float[] Floats, string[] Strings);

/// <summary>A float or int64 initializer: its dims and values.</summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[] Floats, long[] Int64s);

/// <summary>
/// Reads back the parts of a <c>ModelProto</c> the structure tests look at: the graph's nodes with their attributes
/// and its initializers. A protobuf decoder of its own, independent of the exporter's writer (field numbers from
/// onnx.proto), so that the tests do not read the file with the code that wrote it.
/// </summary>
internal sealed class OnnxModelReader
{
    private OnnxModelReader(List<OnnxNode> nodes, Dictionary<string, OnnxInitializer> initializers)
    {
        Nodes = nodes;
        Initializers = initializers;
    }

    /// <summary>The graph's nodes in order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The graph's initializers by name.</summary>
    public IReadOnlyDictionary<string, OnnxInitializer> Initializers { get; }

    /// <summary>The nodes of operator <paramref name="opType"/>, in order.</summary>
    public OnnxNode[] NodesOf(string opType) => Nodes.Where(node => node.OpType == opType).ToArray();

    /// <summary>The node named <paramref name="name"/>.</summary>
    public OnnxNode Node(string name) => Nodes.Single(node => node.Name == name);

    public static OnnxModelReader Read(byte[] model)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxInitializer>(StringComparer.Ordinal);
        foreach ((int field, Field value) in Fields(model))
        {
            if (field != 7) continue;   // ModelProto.graph
            foreach ((int graphField, Field graphValue) in Fields(value.Bytes))
            {
                if (graphField == 1) nodes.Add(ReadNode(graphValue.Bytes));   // GraphProto.node
                else if (graphField == 5)                                    // GraphProto.initializer
                {
                    OnnxInitializer initializer = ReadTensor(graphValue.Bytes);
                    initializers.Add(initializer.Name, initializer);
                }
            }
        }
        return new OnnxModelReader(nodes, initializers);
    }

    private static OnnxNode ReadNode(ReadOnlyMemory<byte> message)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttributeValue>(StringComparer.Ordinal);
        string name = "", opType = "";
        foreach ((int field, Field value) in Fields(message))
        {
            switch (field)
            {
                case 1: inputs.Add(value.Text); break;
                case 2: outputs.Add(value.Text); break;
                case 3: name = value.Text; break;
                case 4: opType = value.Text; break;
                case 5:
                    (string attributeName, OnnxAttributeValue attribute) = ReadAttribute(value.Bytes);
                    attributes.Add(attributeName, attribute);
                    break;
            }
        }
        return new OnnxNode(opType, name, inputs.ToArray(), outputs.ToArray(), attributes);
    }

    private static (string Name, OnnxAttributeValue Value) ReadAttribute(ReadOnlyMemory<byte> message)
    {
        string name = "";
        long? integer = null;
        float? single = null;
        var ints = new List<long>();
        var floats = new List<float>();
        var strings = new List<string>();
        foreach ((int field, Field value) in Fields(message))
        {
            switch (field)
            {
                case 1: name = value.Text; break;
                case 2: single = value.Float; break;
                case 3: integer = (long)value.Varint; break;
                case 7: floats.Add(value.Float); break;
                case 8: ints.Add((long)value.Varint); break;
                case 9: strings.Add(value.Text); break;
            }
        }
        return (name, new OnnxAttributeValue(integer, single, ints.ToArray(), floats.ToArray(), strings.ToArray()));
    }

    private static OnnxInitializer ReadTensor(ReadOnlyMemory<byte> message)
    {
        var dims = new List<long>();
        long dataType = 0;
        string name = "";
        ReadOnlyMemory<byte> raw = default;
        foreach ((int field, Field value) in Fields(message))
        {
            switch (field)
            {
                case 1: dims.Add((long)value.Varint); break;
                case 2: dataType = (long)value.Varint; break;
                case 8: name = value.Text; break;
                case 9: raw = value.Bytes; break;
            }
        }
        ReadOnlySpan<byte> bytes = raw.Span;
        float[] floats = dataType == 1 ? new float[bytes.Length / 4] : [];
        for (int i = 0; i < floats.Length; i++) floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
        long[] int64s = dataType == 7 ? new long[bytes.Length / 8] : [];
        for (int i = 0; i < int64s.Length; i++) int64s[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]);
        return new OnnxInitializer(name, dims.ToArray(), floats, int64s);
    }

    /// <summary>One field's value: a varint, a fixed32 or a length-delimited run of bytes.</summary>
    private readonly record struct Field(ulong Varint, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes.Span);

        public float Float => BitConverter.Int32BitsToSingle((int)Varint);
    }

    /// <summary>The fields of one message, in order (wire types 0, 2 and 5; the exporter writes no others).</summary>
    private static IEnumerable<(int Field, Field Value)> Fields(ReadOnlyMemory<byte> message)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong tag = ReadVarint(message.Span, ref at);
            int field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    yield return (field, new Field(ReadVarint(message.Span, ref at), default));
                    break;
                case 2:
                    int length = checked((int)ReadVarint(message.Span, ref at));
                    yield return (field, new Field(0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    yield return (field, new Field(BinaryPrimitives.ReadUInt32LittleEndian(message.Span[at..]), default));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"Wire type {tag & 7} of field {field} is not one the exporter writes.");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
