namespace NetGen.Model;

/// <summary>Bounds that keep generated code and memory sane.</summary>
internal static class Limits
{
    /// <summary>Layers with at most this many weights are emitted as straight-line code; larger ones as loops.</summary>
    public const int UnrollWeightThreshold = 256;

    /// <summary>A recurrent layer's weight gradients, computed once per step inside the step loop, are written out up to this size only.</summary>
    public const int UnrollInLoopThreshold = 64;

    /// <summary>Widest layer accepted (values per sample).</summary>
    public const int MaxLayerSize = 1 << 24;

    /// <summary>Most parameters a network may have: 2^28 floats, 1 GiB for parameters and as much for gradients.</summary>
    public const long MaxParameterCount = 1L << 28;

    /// <summary>
    /// Most values a weights file may compile in ([Network(Weights)]): 2^23 floats, 32 MiB of data and about 45 MB of
    /// generated base64 (a million parameters measured at 5.3 MB and about 5 s of build: docs/compiled-weights.md).
    /// </summary>
    public const long MaxEmbeddedValues = 1L << 23;
}
