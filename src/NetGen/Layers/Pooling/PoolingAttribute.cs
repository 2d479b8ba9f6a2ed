using System;

namespace NetGen;

/// <summary>
/// What the pooling attributes share, with torch.nn.MaxPool/AvgPool's meanings: a square window of <c>size</c> per
/// axis, <see cref="Stride"/> (default: the size), zero <see cref="Padding"/> (at most half the size). No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public abstract class PoolingAttribute : Attribute
{
    /// <summary>Declares a window of <paramref name="size"/> values per axis.</summary>
    protected PoolingAttribute(int size)
    {
        Size = size;
        Stride = size;
    }

    /// <summary>Values of the window along each axis.</summary>
    public int Size { get; }

    /// <summary>Step between windows (default: the size, windows side by side).</summary>
    public int Stride { get; set; }

    /// <summary>Padding on each side of each axis: −∞ for max pooling, zeros counted in the mean for average pooling (PyTorch's <c>count_include_pad=True</c>).</summary>
    public int Padding { get; set; }
}

/// <summary>Max pooling over a length, as <c>torch.nn.MaxPool1d</c>.</summary>
public sealed class MaxPool1DAttribute(int size) : PoolingAttribute(size);

/// <summary>Max pooling over height and width, as <c>torch.nn.MaxPool2d</c>.</summary>
public sealed class MaxPool2DAttribute(int size) : PoolingAttribute(size);

/// <summary>Average pooling over a length, as <c>torch.nn.AvgPool1d</c>.</summary>
public sealed class AvgPool1DAttribute(int size) : PoolingAttribute(size);

/// <summary>Average pooling over height and width, as <c>torch.nn.AvgPool2d</c>.</summary>
public sealed class AvgPool2DAttribute(int size) : PoolingAttribute(size);

/// <summary>Each channel's mean over every position (<c>torch.nn.AdaptiveAvgPool2d(1)</c> then a flatten): channels × … → channels.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : Attribute;
