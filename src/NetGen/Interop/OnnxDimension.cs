namespace NetGen.Interop;

/// <summary>One dimension of a graph input's or output's shape: a fixed size, or a named symbol such as "batch".</summary>
/// <param name="Size">The size when <paramref name="Symbol"/> is null.</param>
/// <param name="Symbol">The symbolic name, or null for a fixed size.</param>
internal readonly record struct OnnxDimension(long Size, string? Symbol)
{
    /// <summary>A dimension of fixed <paramref name="size"/>.</summary>
    public static OnnxDimension Fixed(long size) => new(size, null);

    /// <summary>A dimension known only when the model runs.</summary>
    public static OnnxDimension Symbolic(string symbol) => new(0, symbol);
}
