using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NetGen.Model;

/// <summary>Shapes: the input's dimensions, the windows of convolution and pooling layers, and each layer's output shape.</summary>
internal static partial class NetworkParser
{
    /// <summary>[Input(size)], [Input(channels, length)] or [Input(channels, height, width)]: each dimension positive (NG1004), invalid ones read as 1.</summary>
    private static int[] ReadInputDimensions(string layerName, AttributeData attribute, AttributeArguments arguments, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        int count = attribute.ConstructorArguments.Length;
        string[] names = count switch { 1 => ["size"], 2 => ["channels", "length"], _ => ["channels", "height", "width"] };
        var dimensions = new int[names.Length];
        for (int axis = 0; axis < names.Length; axis++)
        {
            int value = arguments.Positional(axis) is int written ? written : 0;
            if (value <= 0 && count > 1)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NonPositiveSize, ArgumentLocation(attribute, axis, names[axis], cancellationToken), layerName + " (" + names[axis] + ")", Invariant(value)));
                value = 1;
            }
            dimensions[axis] = value;
        }
        if (count > 1 && dimensions.Aggregate(1L, (product, dimension) => product * dimension) > Limits.MaxLayerSize)
        {
            diagnostics.Add(Diagnostic(DiagnosticIds.TooLarge, AttributeLocation(attribute, cancellationToken), layerName,
                string.Join(" × ", dimensions.Select(dimension => Invariant(dimension))) + " values", Invariant(Limits.MaxLayerSize) + " values"));
            return [.. dimensions.Select(_ => 1)];
        }
        return dimensions;
    }

    /// <summary>
    /// A convolution's or pooling layer's window from its kernel argument and Stride, Padding, Dilation, Same and Causal:
    /// "same" pads d·(k − 1) in all, the smaller half first (PyTorch's padding='same', stride 1 only); causal pads
    /// d·(k − 1) before and nothing after, so output t sees inputs ≤ t. Pooling's stride defaults to its kernel, and its
    /// padding may be at most half the kernel (as PyTorch requires). When an argument is invalid (NG1004, NG1024), a 1-tap
    /// window, so that the layer keeps its input's size and the layers after it are judged without a cascade of errors.
    /// </summary>
    private static Window ReadWindow(LayerKindDescriptor kind, string layerName, AttributeData attribute, AttributeArguments arguments, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        int kernelPosition = kind.IsPooling ? 0 : 1;
        string kernelName = kind.IsPooling ? "size" : "kernelSize";
        int kernel = arguments.Positional(kernelPosition) is int k ? k : 0;
        int stride = arguments.Named("Stride") is int s ? s : kind.IsPooling && kernel > 0 ? kernel : 1; // a bad size is reported once, as the size
        int dilation = arguments.Named("Dilation") is int d ? d : 1;
        int padding = arguments.Named("Padding") is int p ? p : 0;
        bool same = arguments.Named("Same") is true, causal = arguments.Named("Causal") is true;

        int before = diagnostics.Count;
        if (kernel <= 0)
            diagnostics.Add(Diagnostic(DiagnosticIds.NonPositiveSize, ArgumentLocation(attribute, kernelPosition, kernelName, cancellationToken), layerName, Invariant(kernel)));
        void Invalid(string argument, object value, string why)
            => diagnostics.Add(Diagnostic(DiagnosticIds.InvalidWindow, ArgumentLocation(attribute, -1, argument, cancellationToken), layerName, argument, value is bool flag ? (flag ? "true" : "false") : System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", why));
        if (stride <= 0) Invalid("Stride", stride, "the stride must be positive");
        if (dilation <= 0) Invalid("Dilation", dilation, "the dilation must be positive");
        if (padding < 0) Invalid("Padding", padding, "padding cannot be negative");
        if (same && padding != 0) Invalid("Same", true, "Same computes the padding; do not also set Padding");
        if (same && stride != 1) Invalid("Same", true, "padding \"same\" needs Stride = 1, as in PyTorch");
        if (causal && (same || padding != 0)) Invalid("Causal", true, "Causal computes the padding; do not also set Padding or Same");
        if (kind.IsPooling && kernel > 0 && padding > kernel / 2) Invalid("Padding", padding, "pooling pads at most half its window (" + Invariant(kernel / 2) + ")");
        if (diagnostics.Count != before) return new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);

        int span = dilation * (kernel - 1);
        (int padBefore, int padAfter) = same ? (span / 2, span - span / 2) : causal ? (span, 0) : (padding, padding);
        return kind.WindowRank == 1
            ? new Window(1, kernel, 1, stride, 1, dilation, 0, 0, padBefore, padAfter)
            : new Window(kernel, kernel, stride, stride, dilation, dilation, padBefore, padAfter, padBefore, padAfter);
    }

    /// <summary>
    /// A layer's per-sample output dimensions from its input's: the input's own; a window kind's channels and output
    /// lengths (NG1022 when the input has the wrong number of dimensions, NG1023 when the window does not fit);
    /// else the units. After any shape error (<paramref name="shapesKnown"/> false) the shapes are guesses and are not
    /// judged again, so that one mistake is one error, not a cascade. <paramref name="readsInput"/>: the layer before is
    /// the input, whose declaration is then the fix NG1022 suggests.
    /// </summary>
    private static int[] OutputDimensions(DeclaredLayer layer, int size, Shape input, bool readsInput, ref bool shapesKnown, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        LayerKindDescriptor kind = layer.Kind;
        shapesKnown &= !layer.ShapeInvalid;
        if (kind.Kind == LayerKind.Input) return layer.InputDimensions.Length > 1 ? layer.InputDimensions : [size];
        int[] dimensions = input.Dimensions.ToArray();
        bool hasInput = input.Size > 0 && shapesKnown;
        bool channels = kind.ReadsChannels, anyRank = channels && kind.InputRank == 0; // global pooling reads either rank
        bool sequence = !kind.RunsOnSequences && input.HasSteps;
        if (hasInput && (kind.InputRank > 0 && dimensions.Length != kind.InputRank || anyRank && dimensions.Length < 2 || sequence))
        {
            // Convolution, pooling, normalisation and dropout have no per-step form: in a network with recurrent layers their input would be a sequence.
            string needed = (anyRank ? "channels × length or channels × height × width" : kind.InputRank == 0 ? "one input" : RankName(kind.InputRank))
                + (sequence ? " for each sample, not a sequence of time steps (" + (channels ? "convolution and pooling" : "normalisation and dropout") + " cannot be in a network with recurrent layers)"
                    : kind.InputRank > 1 && readsInput ? ": declare [Input(" + (kind.InputRank == 2 ? "channels, length" : "channels, height, width") + ")]" : "");
            shapesKnown = false;
            diagnostics.Add(Diagnostic(DiagnosticIds.InputShapeMismatch, AttributeLocation(layer.Attribute, cancellationToken), layer.Property.Name, kind.AttributeName, needed, (input with { HasSteps = false }).ToString()));
            return kind.KeepsShape ? dimensions : [kind.HasParameters ? size : dimensions[0]];
        }
        if (!hasInput && kind.KeepsShape) return dimensions.Length == 0 ? [size] : dimensions;
        if (!hasInput) return kind.WindowRank > 0 && dimensions.Length == kind.WindowRank + 1 ? [kind.IsPooling ? dimensions[0] : size, .. dimensions.Skip(1)] : [size];
        if (kind.WindowRank == 0) return kind.OutputDimensions(dimensions, size, null);

        Window window = layer.Window!;
        int[] output = kind.OutputDimensions(dimensions, size, window);
        if (output.Skip(1).Any(length => length <= 0))
        {
            shapesKnown = false;
            string outputText = "(None, " + string.Join(", ", output.Select(length => Invariant(length))) + ")";
            diagnostics.Add(Diagnostic(DiagnosticIds.WindowDoesNotFit, ArgumentLocation(layer.Attribute, kind.IsPooling ? 0 : 1, kind.IsPooling ? "size" : "kernelSize", cancellationToken),
                layer.Property.Name, Describe(window, kind.WindowRank), (input with { HasSteps = false }).ToString(), outputText));
            return [output[0], .. dimensions.Skip(1)];
        }
        return output;
    }

    /// <summary>[Dropout(p)]: p in [0, 1) (NG1025 otherwise, read as 0).</summary>
    private static double ReadDropoutProbability(string layerName, AttributeData attribute, AttributeArguments arguments, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        object? written = arguments.Positional(0);
        double p = written is double d ? d : written is float f ? f : 0.5;
        if (p >= 0 && p < 1) return p;
        diagnostics.Add(Diagnostic(DiagnosticIds.InvalidRate, ArgumentLocation(attribute, 0, "probability", cancellationToken), layerName, p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    }

    private static string RankName(int rank) => rank switch
    {
        1 => "features (None, n)",
        2 => "channels × length (None, C, L)",
        _ => "channels × height × width (None, C, H, W)",
    };

    /// <summary>"kernel 5, stride 1, dilation 2, padding 8 + 0" (per axis in 2D: "kernel 3×3, …").</summary>
    private static string Describe(Window window, int rank)
        => rank == 1
            ? "kernel " + Invariant(window.KernelWidth) + ", stride " + Invariant(window.StrideWidth) + ", dilation " + Invariant(window.DilationWidth) + ", padding " + Invariant(window.PadLeft) + " + " + Invariant(window.PadRight)
            : "kernel " + Invariant(window.KernelHeight) + "×" + Invariant(window.KernelWidth) + ", stride " + Invariant(window.StrideHeight) + ", dilation " + Invariant(window.DilationHeight) + ", padding " + Invariant(window.PadTop) + " + " + Invariant(window.PadBottom);

    /// <summary>
    /// A convolution keeps its input unrolled (kernel taps × input channels × output positions) for the backward pass: that
    /// buffer, like every other, must stay within <see cref="Limits.MaxParameterCount"/> values (NG1005).
    /// </summary>
    private static void CheckWorkspace(DeclaredLayer layer, Shape input, Shape output, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (layer.Kind.WindowRank == 0 || layer.Kind.IsPooling) return;
        Window window = layer.Window!;
        long values = (long)input.Dimensions[0] * window.Taps * (output.Size / System.Math.Max(1, output.Dimensions[0]));
        if (values > Limits.MaxParameterCount)
            diagnostics.Add(Diagnostic(DiagnosticIds.TooLarge, ArgumentLocation(layer.Attribute, 1, "kernelSize", cancellationToken), layer.Property.Name,
                Invariant(values) + " values in its unrolled input", Invariant(Limits.MaxParameterCount) + " values in one buffer"));
    }
}
