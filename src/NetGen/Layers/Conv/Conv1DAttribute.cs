namespace NetGen;

/// <summary>
/// A one-dimensional convolution over channels × length, as <c>torch.nn.Conv1d</c>: weight <c>[filters, in channels,
/// kernel]</c>. With <see cref="Causal"/>, output t sees only inputs ≤ t (a temporal convolution network's layer).
/// </summary>
public sealed class Conv1DAttribute : ConvolutionAttribute
{
    /// <summary>Declares <paramref name="filters"/> output channels computed with a kernel of <paramref name="kernelSize"/> taps.</summary>
    public Conv1DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear) : base(filters, kernelSize, activation) { }

    /// <summary>Pads Dilation · (kernelSize − 1) zeros before the input and none after, so the output keeps the length and never sees the future.</summary>
    public bool Causal { get; set; }
}
