using System.Collections.Generic;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

/// <summary>
/// A convolution's or pooling layer's window as the arguments of its torch.nn module (kernel, and stride, padding and
/// dilation where they are not PyTorch's defaults), and the zeros PyTorch pads by hand when they differ between the two
/// sides of an axis (<c>Same</c> with an even kernel, <c>Causal</c>), which a module's <c>padding</c> cannot say.
/// </summary>
internal static class WindowPyTorchText
{
    /// <summary>"3, stride=2, padding=1" (2D: "(3, 5)" where the axes differ); a stride is written unless PyTorch's default (1, or the kernel for <paramref name="pooling"/>).</summary>
    public static string Arguments(LayerSpec layer, bool pooling)
    {
        Window w = layer.Window!;
        bool twoDimensional = layer.Descriptor.WindowRank == 2;
        string Axes(int height, int width) => !twoDimensional ? Invariant($"{width}") : height == width ? Invariant($"{width}") : Invariant($"({height}, {width})");
        var arguments = new List<string> { Axes(w.KernelHeight, w.KernelWidth) };
        bool defaultStride = pooling ? w.StrideHeight == w.KernelHeight && w.StrideWidth == w.KernelWidth : w.StrideHeight == 1 && w.StrideWidth == 1;
        if (!defaultStride) arguments.Add("stride=" + Axes(w.StrideHeight, w.StrideWidth));
        if (IsSymmetric(w) && (w.PadTop != 0 || w.PadLeft != 0)) arguments.Add("padding=" + Axes(w.PadTop, w.PadLeft));
        if (w.DilationHeight != 1 || w.DilationWidth != 1) arguments.Add("dilation=" + Axes(w.DilationHeight, w.DilationWidth));
        return string.Join(", ", arguments);
    }

    /// <summary><paramref name="input"/>, padded by <c>F.pad</c> (last axis first) when the module's own padding cannot say the window's.</summary>
    public static string PaddedInput(LayerSpec layer, string input)
    {
        Window w = layer.Window!;
        if (IsSymmetric(w)) return input;
        return layer.Descriptor.WindowRank == 2
            ? Invariant($"F.pad({input}, ({w.PadLeft}, {w.PadRight}, {w.PadTop}, {w.PadBottom}))")
            : Invariant($"F.pad({input}, ({w.PadLeft}, {w.PadRight}))");
    }

    private static bool IsSymmetric(Window w) => w.PadTop == w.PadBottom && w.PadLeft == w.PadRight;
}
