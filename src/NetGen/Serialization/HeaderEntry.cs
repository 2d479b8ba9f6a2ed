namespace NetGen.Serialization;

/// <summary>One tensor as a safetensors header describes it.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="Dtype">Its element type as written in the file (e.g. <c>F32</c>).</param>
/// <param name="Shape">Its dimensions, outermost first.</param>
/// <param name="Begin">First byte of its data, counted from the byte after the header.</param>
/// <param name="End">One past its last byte.</param>
internal sealed record HeaderEntry(string Name, string Dtype, ulong[] Shape, ulong Begin, ulong End)
{
    /// <summary>The shape as written in messages, e.g. <c>[8, 4]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
