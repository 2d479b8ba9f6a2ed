using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators.Layers;

/// <summary>The run-time <c>WindowGeometry</c> of a convolution or pooling layer, as a constructor call with constant arguments.</summary>
internal static class WindowGeometryText
{
    /// <summary>A 1D layer is the 2D case with height 1: its input and output dimensions are [C, L].</summary>
    public static string Of(LayerSpec layer)
    {
        Window w = layer.Window!;
        EquatableArray<int> input = layer.InputShape.Dimensions, output = layer.OutputShape.Dimensions;
        bool oneDimensional = input.Count == 2;
        int inHeight = oneDimensional ? 1 : input[1], inWidth = input[input.Count - 1];
        int outHeight = oneDimensional ? 1 : output[1], outWidth = output[output.Count - 1];
        return Invariant($"new {TypeNames.Numerics}.WindowGeometry({input[0]}, {inHeight}, {inWidth}, {output[0]}, {w.KernelHeight}, {w.KernelWidth}, {w.StrideHeight}, {w.StrideWidth}, {w.DilationHeight}, {w.DilationWidth}, {w.PadTop}, {w.PadLeft}, {outHeight}, {outWidth})");
    }

    /// <summary>Values per channel and sample of a layer's input: its length, or height × width.</summary>
    public static int Positions(Shape shape) => shape.Size / shape.Dimensions[0];
}
