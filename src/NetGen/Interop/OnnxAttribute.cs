namespace NetGen.Interop;

/// <summary>One ONNX node attribute, encoded as an <c>AttributeProto</c> when it is made.</summary>
internal sealed class OnnxAttribute
{
    // AttributeProto field numbers and AttributeType values, as in onnx.proto.
    private const int NameField = 1, FloatField = 2, IntField = 3, FloatsField = 7, IntsField = 8, StringsField = 9, TypeField = 20;
    private const int FloatType = 1, IntType = 2, FloatsType = 6, IntsType = 7, StringsType = 8;

    private OnnxAttribute(ProtobufWriter encoded) => Encoded = encoded;

    /// <summary>The <c>AttributeProto</c> message.</summary>
    public ProtobufWriter Encoded { get; }

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value)
    {
        ProtobufWriter writer = Start(name, IntType);
        writer.WriteInt64(IntField, value);
        return new OnnxAttribute(writer);
    }

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value)
    {
        ProtobufWriter writer = Start(name, FloatType);
        writer.WriteFloat(FloatField, value);
        return new OnnxAttribute(writer);
    }

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ProtobufWriter writer = Start(name, IntsType);
        foreach (long value in values) writer.WriteInt64(IntsField, value);
        return new OnnxAttribute(writer);
    }

    /// <summary>A FLOATS attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values)
    {
        ProtobufWriter writer = Start(name, FloatsType);
        foreach (float value in values) writer.WriteFloat(FloatsField, value);
        return new OnnxAttribute(writer);
    }

    /// <summary>A STRINGS attribute.</summary>
    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ProtobufWriter writer = Start(name, StringsType);
        foreach (string value in values) writer.WriteString(StringsField, value);
        return new OnnxAttribute(writer);
    }

    private static ProtobufWriter Start(string name, int type)
    {
        var writer = new ProtobufWriter();
        writer.WriteString(NameField, name);
        writer.WriteInt64(TypeField, type);
        return writer;
    }
}
