using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// A causal, stride-1 Conv1D one time step at a time: the ring of its last (k − 1)·d + 1 inputs, the taps gathered
/// from it, z = W·taps + b, a = φ(z) (+ the residual's output at the same step).
/// </summary>
internal sealed partial class ConvEmitter : IStreamingLayerEmitter
{
    /// <summary>Causal padding ((k − 1)·d before, nothing after) and stride 1: output t needs inputs up to t only, one output per input.</summary>
    public bool CanStream(LayerSpec layer)
        => layer.Kind == LayerKind.Conv1D && layer.Window is { StrideWidth: 1, PadRight: 0 } w && w.PadLeft == w.DilationWidth * (w.KernelWidth - 1);

    private static (int Channels, int Filters, int Kernel, int Dilation) StreamShape(LayerSpec layer)
        => (layer.InputShape.Dimensions[0], layer.OutputShape.Dimensions[0], layer.Window!.KernelWidth, layer.Window.DilationWidth);

    public void EmitStreamFields(SourceWriter writer, LayerSpec layer)
    {
        (int channels, int filters, int kernel, int dilation) = StreamShape(layer);
        int history = (kernel - 1) * dilation + 1;
        writer.WriteLine(Invariant($"private readonly float[] _sring{layer.Index} = new float[{history * channels}], _spatch{layer.Index} = new float[{channels * kernel}], _sz{layer.Index} = new float[{filters}], {LayerEmitters.StepOutput(layer.Index)} = new float[{filters}]{(layer.HasResidual ? Invariant($", _sh{layer.Index} = new float[{filters}]") : "")};"));
        writer.WriteLine(Invariant($"private int _snewest{layer.Index};"));
    }

    public void EmitStreamStep(SourceWriter writer, NetworkSpec spec, LayerSpec layer, string input)
    {
        (int channels, int filters, int kernel, int dilation) = StreamShape(layer);
        writer.WriteLine($"// {Names.Describe(layer)}, at the newest step");
        using (writer.OpenBlock())
        {
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} w = p.Slice({layer.ParameterOffset}, {layer.WeightCount}), b = p.Slice({layer.BiasOffset}, {filters});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} z = _sz{layer.Index}, h = {(layer.HasResidual ? Invariant($"_sh{layer.Index}") : LayerEmitters.StepOutput(layer.Index))};"));
            writer.WriteLine(Invariant($"{TypeNames.Numerics}.StreamingConvKernels.Step({input}, _sring{layer.Index}, ref _snewest{layer.Index}, w, b, z, _spatch{layer.Index}, {channels}, {kernel}, {dilation});"));
            if (UsesActivationKernels(filters, layer.Activation))
                writer.WriteLine($"{TypeNames.ActivationKernels}.Apply<{Names.ActivationType(layer.Activation)}>(z, h);");
            else
                writer.WriteLine(Invariant($"for (int i = 0; i < {filters}; i++) h[i] = {Names.ActivationType(layer.Activation)}.Apply(z[i]);"));
            if (layer.HasResidual)
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(h, {(layer.ResidualIndex == 0 ? "input" : LayerEmitters.StepOutput(layer.ResidualIndex))}, {LayerEmitters.StepOutput(layer.Index)});");
        }
    }

    public void EmitStreamReset(SourceWriter writer, LayerSpec layer)
    {
        writer.WriteLine(Invariant($"global::System.Array.Clear(_sring{layer.Index});"));
        writer.WriteLine(Invariant($"_snewest{layer.Index} = 0;"));
    }
}
