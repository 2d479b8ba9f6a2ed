using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>What the recurrent kinds' emitters share: their four tensors, the previous step's state, the per-step gradients and the gate-wise initialisation.</summary>
internal static class RecurrentEmitting
{
    /// <summary>Locals every recurrent block starts with: the four tensors, in PyTorch's order, of the parameters (p) or the gradients (g).</summary>
    public static void EmitTensors(SourceWriter writer, LayerSpec layer, string source)
    {
        int rows = layer.Rows;
        string type = source == "p" ? TypeNames.ReadOnlySpan : TypeNames.Span;
        string prefix = source == "p" ? "" : "g";
        writer.WriteLine(Invariant($"{type} {prefix}wi = {source}.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), {prefix}wh = {source}.Slice({layer.RecurrentWeightOffset}, {rows * layer.OutputSize}), {prefix}bi = {source}.Slice({layer.TensorOffset("bias_ih")}, {rows}), {prefix}bh = {source}.Slice({layer.TensorOffset("bias_hh")}, {rows});"));
    }

    /// <summary>
    /// What every recurrent backward block starts with: the weights it reads, the four gradient tensors, and those cleared
    /// unless the call accumulates.
    /// </summary>
    public static void EmitBackwardStart(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        EmitBackwardWeights(writer, spec, layer);
        EmitTensors(writer, layer, "g");
        EmitClearUnlessAccumulating(writer, spec, "gwi", "gwh", "gbi", "gbh");
    }

    /// <summary>Backpropagation reads only the weights: W_hh for the carry, W_ih when the input needs a gradient.</summary>
    private static void EmitBackwardWeights(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        string recurrent = Invariant($"wh = p.Slice({layer.RecurrentWeightOffset}, {layer.Rows * layer.OutputSize})");
        writer.WriteLine(spec.Layers[layer.Index - 1].Kind == LayerKind.Input
            ? $"{TypeNames.ReadOnlySpan} {recurrent};"
            : Invariant($"{TypeNames.ReadOnlySpan} wi = p.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), {recurrent};"));
    }

    /// <summary>The previous step's hidden state (or cell), zeros before the first step.</summary>
    public static string PreviousStep(string buffer, int width)
        => Invariant($"t > 0 ? new {TypeNames.ReadOnlySpan}({buffer}, (t - 1) * {width}, {width}) : new {TypeNames.ReadOnlySpan}(s_zeros, 0, {width})");

    /// <summary>The step's input x_t and previous hidden state h_{t−1}, as every recurrent block reads them.</summary>
    public static string InputAndPreviousHidden(NetworkSpec spec, LayerSpec layer)
    {
        LayerSpec previous = spec.Layers[layer.Index - 1];
        return $"x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, "t", readOnly: true)}, hp = {PreviousStep(Names.Output(layer.Index), layer.OutputSize)}";
    }

    /// <summary>
    /// One step's parameter gradients and input gradient: ∇W_ih += δ_i·x_tᵀ, ∇b_ih += δ_i, ∇W_hh += δ_h·h_{t−1}ᵀ,
    /// ∇b_hh += δ_h, dL/dx_t += W_ihᵀ·δ_i, where δ_i and δ_h are the gradients of W_ih·x + b_ih and of W_hh·h + b_hh
    /// (the same vector unless a gate multiplies one of the two products, as the GRU's reset gate does).
    /// </summary>
    public static void EmitGradients(SourceWriter writer, NetworkSpec spec, LayerSpec layer, string inputDelta, string hiddenDelta)
    {
        int rows = layer.Rows;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        EmitElementwise(writer, rows, Names.IsUnrolled(layer.WeightCount), i => $"gbi[{i}] += {inputDelta}[{i}]; gbh[{i}] += {hiddenDelta}[{i}];");
        // Inside the step loop, so written out only while small: a kernel call beyond that, not hundreds of lines per step.
        EmitOuterProductAccumulate(writer, "gwi", inputDelta, "x", rows, layer.InputSize, Limits.UnrollInLoopThreshold);
        EmitOuterProductAccumulate(writer, "gwh", hiddenDelta, "hp", rows, layer.OutputSize, Limits.UnrollInLoopThreshold);
        if (previous.Kind == LayerKind.Input) return;
        writer.WriteLine($"{TypeNames.Span} dx = {Names.Span(Names.OutputGradient(previous.Index), previous.OutputSize, "t")};");
        EmitTransposedAccumulate(writer, "dx", "wi", inputDelta, rows, layer.InputSize);
    }

    /// <summary>
    /// A recurrent layer's weights, gate by gate (each gate's block is [units, in] or [units, units], as its own
    /// matrix): W_ih with the layer's Init, W_hh with its RecurrentInit; biases zero but the memory gate's.
    /// Streams beyond 2^16 keep the blocks' random numbers apart from every dense layer's.
    /// </summary>
    public static void EmitInitialisation(SourceWriter writer, LayerSpec layer)
    {
        LayerKindDescriptor kind = layer.Descriptor;
        int gates = kind.Gates, units = layer.OutputSize, inputs = layer.InputSize;
        writer.WriteLine(Invariant($"// {layer.PropertyName}: {(gates > 1 ? "per gate, " : "")}{Names.InitDescription(layer.Init)} W_ih [{units}, {inputs}] and {Names.InitDescription(layer.RecurrentInit)} W_hh [{units}, {units}]; zero biases."));
        for (int gate = 0; gate < gates; gate++)
        {
            EmitFill(writer, layer.ParameterOffset + gate * units * inputs, layer.Init, inputs, units, Invariant($"{layer.Index} + {2 * gate + 1} * 65536"));
            EmitFill(writer, layer.RecurrentWeightOffset + gate * units * units, layer.RecurrentInit, units, units, Invariant($"{layer.Index} + {2 * gate + 2} * 65536"));
        }
        if (kind.MemoryGate >= 0 && layer.MemoryBias != 0f)
        {
            writer.WriteLine($"// The {kind.MemoryBiasProperty} (in b_ih): the gate starts near σ({Names.FloatLiteral(layer.MemoryBias)}) (NG0006 judges the memory it gives).");
            writer.WriteLine(Invariant($"_parameters.Span.Slice({layer.TensorOffset("bias_ih") + kind.MemoryGate * units}, {units}).Fill({Names.FloatLiteral(layer.MemoryBias)});"));
        }
    }
}
