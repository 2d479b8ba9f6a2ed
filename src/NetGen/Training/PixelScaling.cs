namespace NetGen;

/// <summary>How <see cref="Dataset.FromIdx(string, string, PixelScaling, int)"/> turns pixel bytes 0…255 into inputs.</summary>
public enum PixelScaling
{
    /// <summary>p / 255, in [0, 1] (as torchvision's <c>ToTensor</c>).</summary>
    UnitInterval = 0,
    /// <summary>p / 127.5 − 1, in [−1, 1] (zero-centred, suits tanh layers).</summary>
    Symmetric = 1,
    /// <summary>The byte value as it is, 0 … 255.</summary>
    None = 2,
}
