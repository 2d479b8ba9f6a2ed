using System;

namespace NetGen;

/// <summary>
/// Declares the network's input (for recurrent networks: one time step). Exactly one, first. Features, channels ×
/// length (for Conv1D) or channels × height × width (for Conv2D), without the batch axis, in PyTorch's NCL/NCHW order.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares an input of <paramref name="size"/> values.</summary>
    public InputAttribute(int size) => Shape = [size];

    /// <summary>Declares an input of <paramref name="channels"/> × <paramref name="length"/> values (a signal, for Conv1D).</summary>
    public InputAttribute(int channels, int length) => Shape = [channels, length];

    /// <summary>Declares an input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/> values (an image, for Conv2D).</summary>
    public InputAttribute(int channels, int height, int width) => Shape = [channels, height, width];

    /// <summary>Number of input values: the product of <see cref="Shape"/>.</summary>
    public int Size
    {
        get
        {
            int size = 1;
            foreach (int dimension in Shape) size *= dimension;
            return size;
        }
    }

    /// <summary>The dimensions as declared.</summary>
    public int[] Shape { get; }
}
