using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>An Elman layer (torch.nn.RNNCell): h_t = φ(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh), and its backpropagation through time.</summary>
internal sealed partial class ElmanEmitter : RecurrentEmitter
{
    public override void AddBuffers(LayerSpec layer, List<Buffer> buffers) => buffers.Add(new(Names.HiddenCarry(layer.Index), layer.OutputSize, false));

    public override void EmitInitialisation(SourceWriter writer, LayerSpec layer) => RecurrentEmitting.EmitInitialisation(writer, layer);

    public override void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        writer.WriteLine($"// {Names.Describe(layer)}: h_t = φ(W_ih·x_t + b_ih + W_hh·h_{{t−1}} + b_hh), h_{{−1}} = 0");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitTensors(writer, layer, "p");
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)};");
                writer.WriteLine($"{TypeNames.Span} z = {Names.Span(Names.PreActivation(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                if (!EmitMatrixVector(writer, "z", "h", layer.Activation, units, ["bi", "bh"], [new MatrixTerm("wi", "x", layer.InputSize), new MatrixTerm("wh", "hp", units)]))
                    EmitActivation(writer, layer, Names.IsUnrolled(layer.WeightCount));
            }
        }
    }

    /// <summary>
    /// Last step first: δ_t = (dL/dh_t + W_hhᵀ·δ_{t+1}) ⊙ φ′(z_t); ∇W_ih += δ_t·x_tᵀ, ∇W_hh += δ_t·h_{t−1}ᵀ, both
    /// biases += δ_t, dL/dx_t += W_ihᵀ·δ_t.
    /// </summary>
    public override void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize;
        bool unrolled = Names.IsUnrolled(layer.WeightCount);
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time, δ_t = (dL/dh_t + W_hhᵀ·δ_{{t+1}}) ⊙ φ′(z_t)");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitBackwardStart(writer, spec, layer);
            writer.WriteLine($"{TypeNames.Span} carry = {Names.HiddenCarry(layer.Index)};");
            writer.WriteLine("carry.Clear();");
            using (writer.OpenBlock("for (int t = _steps - 1; t >= 0; t--)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)};");
                writer.WriteLine($"{TypeNames.ReadOnlySpan} z = {Names.Span(Names.PreActivation(layer.Index), units, "t", readOnly: true)}, h = {Names.Span(Names.Output(layer.Index), units, "t", readOnly: true)};");
                writer.WriteLine($"{TypeNames.Span} d = {Names.Span(Names.OutputGradient(layer.Index), units, "t")};");
                if (UsesActivationKernels(layer))
                {
                    writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(d, carry, d);");
                    writer.WriteLine($"{TypeNames.ActivationKernels}.MultiplyByDerivative<{Names.ActivationType(layer.Activation)}>(z, h, d);");
                }
                else
                    EmitElementwise(writer, units, unrolled, i => $"d[{i}] = (d[{i}] + carry[{i}]) * {Names.ActivationType(layer.Activation)}.Derivative(z[{i}], h[{i}]);");
                RecurrentEmitting.EmitGradients(writer, spec, layer, "d", "d");
                writer.WriteLine("carry.Clear();");
                EmitTransposedAccumulate(writer, "carry", "wh", "d", units, units);
            }
            EmitFusedUpdate(writer, spec, layer);
        }
    }
}
