namespace NetGen;

/// <summary>A two-dimensional convolution over channels × height × width, as <c>torch.nn.Conv2d</c>: weight <c>[filters, in channels, kernel, kernel]</c>.</summary>
public sealed class Conv2DAttribute : ConvolutionAttribute
{
    /// <summary>Declares <paramref name="filters"/> output channels computed with a <paramref name="kernelSize"/> × <paramref name="kernelSize"/> kernel.</summary>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear) : base(filters, kernelSize, activation) { }
}
