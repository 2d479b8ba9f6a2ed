using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>In Backward: a layer's gradient slices start from zero when the call does not accumulate (TrainStep).</summary>
    internal static void EmitClearUnlessAccumulating(SourceWriter writer, NetworkSpec spec, params string[] gradients)
        => writer.WriteLine($"if (!{Names.ModeParameter(spec)}.Accumulates) {{ " + string.Join(" ", System.Array.ConvertAll(gradients, name => name + ".Clear();")) + " }");

    /// <summary>h = φ(z) for a layer whose matrix-vector product left φ to its caller.</summary>
    internal static void EmitActivation(SourceWriter writer, LayerSpec layer, bool unrolled)
        => EmitActivation(writer, layer.Activation, layer.OutputSize, "z", "h", unrolled);

    /// <summary>
    /// <paramref name="h"/> = φ(<paramref name="z"/>) over <paramref name="values"/> values, the spans named by the caller:
    /// softmax over the whole span; ActivationKernels when the span is wide enough; else element by element.
    /// </summary>
    internal static void EmitActivation(SourceWriter writer, Activation activation, int values, string z, string h, bool unrolled)
    {
        if (activation == Activation.Softmax) // over the whole layer, not value by value (an output normalisation's)
            writer.WriteLine($"global::NetGen.Activations.Softmax.Apply({z}, {h});");
        else if (UsesActivationKernels(values, activation))
            writer.WriteLine($"{TypeNames.ActivationKernels}.Apply<{Names.ActivationType(activation)}>({z}, {h});");
        else
            EmitElementwise(writer, values, unrolled, i => $"{h}[{i}] = {Names.ActivationType(activation)}.Apply({z}[{i}]);");
    }

    /// <summary>d ⊙= φ′(z) over a whole layer (the arguments name spans or arrays of the layer's output size).</summary>
    internal static void EmitMultiplyByDerivative(SourceWriter writer, LayerSpec layer, string z, string h, string d)
        => writer.WriteLine(UsesActivationKernels(layer)
            ? $"{TypeNames.ActivationKernels}.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>({z}, {h}, {d});"
            : $"for (int i = 0; i < {d}.Length; i++) {d}[i] *= {Names.ActivationType(layer.Activation)}.Derivative({z}[i], {h}[i]);");

    /// <summary>
    /// Layers of at least one 512-bit vector whose activation has a vector form go through ActivationKernels
    /// (one call for the layer, SIMD inside); narrower ones are written out element by element.
    /// </summary>
    internal static bool UsesActivationKernels(LayerSpec layer) => UsesActivationKernels(layer.OutputSize, layer.Activation);

    /// <summary>The same rule for <paramref name="values"/> values at a time (a streaming layer's one step).</summary>
    internal static bool UsesActivationKernels(int values, Activation activation) => values >= 16 && ActivationCatalog.Of(activation).HasVectorForm;

    /// <summary>For a layer that runs per step, opens "for each step t"; otherwise nothing.</summary>
    internal static System.IDisposable StepLoop(SourceWriter writer, LayerSpec layer)
        => layer.RunsPerStep ? writer.OpenBlock("for (int t = 0; t < _steps; t++)") : NoBlock.Instance;

    internal sealed class NoBlock : System.IDisposable
    {
        public static readonly NoBlock Instance = new();

        public void Dispose() { }
    }
}
