using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;

namespace NetGen.Generators;

public sealed partial class NetworkGenerator
{
    /// <summary>Locals every recurrent block starts with: the four tensors, in PyTorch's order.</summary>
    private static void EmitRecurrentTensors(SourceWriter writer, LayerSpec layer, string source)
    {
        int rows = layer.Rows;
        string type = source == "p" ? "global::System.ReadOnlySpan<float>" : "global::System.Span<float>";
        string prefix = source == "p" ? "" : "g";
        writer.WriteLine(Invariant($"{type} {prefix}wi = {source}.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), {prefix}wh = {source}.Slice({layer.RecurrentWeightOffset}, {rows * layer.OutputSize}), {prefix}bi = {source}.Slice({layer.BiasOffset}, {rows}), {prefix}bh = {source}.Slice({layer.BiasOffset + rows}, {rows});"));
    }

    /// <summary>Backpropagation reads only the weights: W_hh for the carry, W_ih when the input needs a gradient.</summary>
    private static void EmitBackwardWeights(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        string recurrent = Invariant($"wh = p.Slice({layer.RecurrentWeightOffset}, {layer.Rows * layer.OutputSize})");
        writer.WriteLine(spec.Layers[layer.Index - 1].Kind == LayerKind.Input
            ? $"global::System.ReadOnlySpan<float> {recurrent};"
            : Invariant($"global::System.ReadOnlySpan<float> wi = p.Slice({layer.ParameterOffset}, {layer.InputWeightCount}), {recurrent};"));
    }

    /// <summary>The previous step's hidden state (or cell), zeros before the first step.</summary>
    private static string PreviousStep(string buffer, int width)
        => Invariant($"t > 0 ? new global::System.ReadOnlySpan<float>({buffer}, (t - 1) * {width}, {width}) : new global::System.ReadOnlySpan<float>(s_zeros, 0, {width})");

    /// <summary>Elman forward: h_t = φ(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh), for t = 0 … steps − 1.</summary>
    private static void EmitRecurrentForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        writer.WriteLine($"// {Names.Describe(layer)}: h_t = φ(W_ih·x_t + b_ih + W_hh·h_{{t−1}} + b_hh), h_{{−1}} = 0");
        using (writer.OpenBlock())
        {
            EmitRecurrentTensors(writer, layer, "p");
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, "t", readOnly: true)}, hp = {PreviousStep(Names.Output(layer.Index), units)};");
                writer.WriteLine($"global::System.Span<float> z = {Names.Span(Names.PreActivation(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                if (!EmitMatrixVector(writer, "z", "h", layer.Activation, units, ["bi", "bh"], [new MatrixTerm("wi", "x", layer.InputSize), new MatrixTerm("wh", "hp", units)]))
                    EmitActivation(writer, layer, Names.IsUnrolled(layer.WeightCount));
            }
        }
    }

    /// <summary>
    /// Elman backpropagation through time, last step first: δ_t = (dL/dh_t + W_hhᵀ·δ_{t+1}) ⊙ φ′(z_t);
    /// ∇W_ih += δ_t·x_tᵀ, ∇W_hh += δ_t·h_{t−1}ᵀ, both biases += δ_t, dL/dx_t += W_ihᵀ·δ_t.
    /// </summary>
    private static void EmitRecurrentBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        bool unrolled = Names.IsUnrolled(layer.WeightCount);
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time, δ_t = (dL/dh_t + W_hhᵀ·δ_{{t+1}}) ⊙ φ′(z_t)");
        using (writer.OpenBlock())
        {
            EmitBackwardWeights(writer, spec, layer);
            EmitRecurrentTensors(writer, layer, "g");
            EmitClearUnlessAccumulating(writer, spec, "gwi", "gwh", "gbi", "gbh");
            writer.WriteLine($"global::System.Span<float> carry = {Names.HiddenCarry(layer.Index)};");
            writer.WriteLine("carry.Clear();");
            using (writer.OpenBlock("for (int t = _steps - 1; t >= 0; t--)"))
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, "t", readOnly: true)}, hp = {PreviousStep(Names.Output(layer.Index), units)};");
                writer.WriteLine($"global::System.ReadOnlySpan<float> z = {Names.Span(Names.PreActivation(layer.Index), units, "t", readOnly: true)}, h = {Names.Span(Names.Output(layer.Index), units, "t", readOnly: true)};");
                writer.WriteLine($"global::System.Span<float> d = {Names.Span(Names.OutputGradient(layer.Index), units, "t")};");
                if (UsesActivationKernels(layer))
                {
                    writer.WriteLine("global::System.Numerics.Tensors.TensorPrimitives.Add(d, carry, d);");
                    writer.WriteLine($"global::NetGen.Activations.ActivationKernels.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>(z, h, d);");
                }
                else
                    EmitElementwise(writer, units, unrolled, i => $"d[{i}] = (d[{i}] + carry[{i}]) * {Names.ActivationType(layer.Activation)}.Derivative(z[{i}], h[{i}]);");
                EmitRecurrentGradients(writer, layer, previous, units, "d");
                writer.WriteLine("carry.Clear();");
                EmitTransposedAccumulate(writer, "carry", "wh", "d", units, units);
            }
            EmitFusedUpdate(writer, spec, layer.ParameterOffset, layer.ParameterCount);
        }
    }

    /// <summary>
    /// LSTM forward (gates i, f, g, o as torch.nn.LSTMCell): [i f g o] = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh,
    /// then σ, σ, tanh, σ; c_t = f·c_{t−1} + i·g; h_t = o·tanh(c_t). The activated gates are kept per step.
    /// </summary>
    private static void EmitLstmForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        writer.WriteLine($"// {Names.Describe(layer)}: gates = W_ih·x_t + b_ih + W_hh·h_{{t−1}} + b_hh; c_t = σ(f)·c_{{t−1}} + σ(i)·tanh(g); h_t = σ(o)·tanh(c_t)");
        using (writer.OpenBlock())
        {
            EmitRecurrentTensors(writer, layer, "p");
            writer.WriteLine($"global::System.Span<float> pre = {Names.GateScratch(layer.Index)};");
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, "t", readOnly: true)}, hp = {PreviousStep(Names.Output(layer.Index), units)}, cp = {PreviousStep(Names.Cell(layer.Index), units)};");
                writer.WriteLine($"global::System.Span<float> gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t")}, c = {Names.Span(Names.Cell(layer.Index), units, "t")}, tc = {Names.Span(Names.CellTanh(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                EmitMatrixVector(writer, "pre", "pre", ActivationKind.Linear, rows, ["bi", "bh"], [new MatrixTerm("wi", "x", layer.InputSize), new MatrixTerm("wh", "hp", units)]);
                if (units >= 16)
                    writer.WriteLine("global::NetGen.Numerics.RecurrentKernels.LstmCell(pre, cp, gates, c, tc, h);");
                else
                {
                    using var cell = writer.OpenBlock(Invariant($"for (int j = 0; j < {units}; j++)"));
                    writer.WriteLine(Invariant($"float i = global::NetGen.Activations.Sigmoid.Apply(pre[j]), f = global::NetGen.Activations.Sigmoid.Apply(pre[{units} + j]);"));
                    writer.WriteLine(Invariant($"float cellInput = global::NetGen.Activations.Tanh.Apply(pre[{2 * units} + j]), o = global::NetGen.Activations.Sigmoid.Apply(pre[{3 * units} + j]);"));
                    writer.WriteLine(Invariant($"gates[j] = i; gates[{units} + j] = f; gates[{2 * units} + j] = cellInput; gates[{3 * units} + j] = o;"));
                    writer.WriteLine("c[j] = f * cp[j] + i * cellInput;");
                    writer.WriteLine("tc[j] = global::NetGen.Activations.Tanh.Apply(c[j]);");
                    writer.WriteLine("h[j] = o * tc[j];");
                }
            }
        }
    }

    /// <summary>
    /// LSTM backpropagation through time, last step first, carrying dL/dh and dL/dc to the previous step:
    /// dc = dh·o·(1 − tanh²c) + dc_{t+1}·f_{t+1}; the gate gradients then flow through W_ih, W_hh and both biases.
    /// </summary>
    private static void EmitLstmBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        LayerSpec previous = spec.Layers[layer.Index - 1];
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time through the cell state and the four gates");
        using (writer.OpenBlock())
        {
            EmitBackwardWeights(writer, spec, layer);
            EmitRecurrentTensors(writer, layer, "g");
            EmitClearUnlessAccumulating(writer, spec, "gwi", "gwh", "gbi", "gbh");
            writer.WriteLine($"global::System.Span<float> dh = {Names.HiddenCarry(layer.Index)}, dc = {Names.CellCarry(layer.Index)}, dz = {Names.GateScratch(layer.Index)};");
            writer.WriteLine("dh.Clear();");
            writer.WriteLine("dc.Clear();");
            using (writer.OpenBlock("for (int t = _steps - 1; t >= 0; t--)"))
            {
                writer.WriteLine($"global::System.ReadOnlySpan<float> x = {Names.Span(Names.Output(previous.Index), previous.OutputSize, "t", readOnly: true)}, hp = {PreviousStep(Names.Output(layer.Index), units)}, cp = {PreviousStep(Names.Cell(layer.Index), units)};");
                writer.WriteLine($"global::System.ReadOnlySpan<float> gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t", readOnly: true)}, tc = {Names.Span(Names.CellTanh(layer.Index), units, "t", readOnly: true)}, d = {Names.Span(Names.OutputGradient(layer.Index), units, "t", readOnly: true)};");
                using (writer.OpenBlock(Invariant($"for (int j = 0; j < {units}; j++)")))
                {
                    writer.WriteLine(Invariant($"float i = gates[j], f = gates[{units} + j], cellInput = gates[{2 * units} + j], o = gates[{3 * units} + j];"));
                    writer.WriteLine("float hiddenGradient = d[j] + dh[j];");
                    writer.WriteLine("float cellGradient = hiddenGradient * o * (1f - tc[j] * tc[j]) + dc[j];");
                    writer.WriteLine("dz[j] = cellGradient * cellInput * i * (1f - i);");
                    writer.WriteLine(Invariant($"dz[{units} + j] = cellGradient * cp[j] * f * (1f - f);"));
                    writer.WriteLine(Invariant($"dz[{2 * units} + j] = cellGradient * i * (1f - cellInput * cellInput);"));
                    writer.WriteLine(Invariant($"dz[{3 * units} + j] = hiddenGradient * tc[j] * o * (1f - o);"));
                    writer.WriteLine("dc[j] = cellGradient * f;");
                }
                EmitRecurrentGradients(writer, layer, previous, rows, "dz");
                writer.WriteLine("dh.Clear();");
                EmitTransposedAccumulate(writer, "dh", "wh", "dz", rows, units);
            }
            EmitFusedUpdate(writer, spec, layer.ParameterOffset, layer.ParameterCount);
        }
    }

    /// <summary>One step's parameter gradients and input gradient from the pre-activation gradient <paramref name="delta"/>.</summary>
    private static void EmitRecurrentGradients(SourceWriter writer, LayerSpec layer, LayerSpec previous, int rows, string delta)
    {
        EmitElementwise(writer, rows, Names.IsUnrolled(layer.WeightCount), i => $"gbi[{i}] += {delta}[{i}]; gbh[{i}] += {delta}[{i}];");
        EmitOuterProductAccumulate(writer, "gwi", delta, "x", rows, layer.InputSize);
        EmitOuterProductAccumulate(writer, "gwh", delta, "hp", rows, layer.OutputSize);
        if (previous.Kind == LayerKind.Input) return;
        writer.WriteLine($"global::System.Span<float> dx = {Names.Span(Names.OutputGradient(previous.Index), previous.OutputSize, "t")};");
        EmitTransposedAccumulate(writer, "dx", "wi", delta, rows, layer.InputSize);
    }
}
