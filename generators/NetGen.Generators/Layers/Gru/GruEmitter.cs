using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static System.FormattableString;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// A GRU layer (torch.nn.GRUCell, gate rows r, z, n): the two gate products kept apart, because the reset gate
/// multiplies the hidden one's n block; the element-wise step and its backward in <c>GruKernels</c>.
/// </summary>
internal sealed class GruEmitter : ILayerEmitter
{
    /// <summary>W_hn·h_{t−1} + b_hn of every step, which the backward pass needs for dL/dr.</summary>
    private static string HiddenCandidate(int index) => Invariant($"_ghn{index}");

    /// <summary>Scratch of one step: the hidden product W_hh·h_{t−1} + b_hh (forward), its gradient (backward).</summary>
    private static string HiddenGates(int index) => Invariant($"_hgates{index}");

    /// <summary>Scratch of one step in the backward pass: dL/dh_t from above plus what step t + 1 carried back.</summary>
    private static string HiddenTotal(int index) => Invariant($"_dhTotal{index}");

    public void AddBuffers(LayerSpec layer, List<Buffer> buffers)
    {
        buffers.Add(new(HiddenCandidate(layer.Index), layer.OutputSize, true));
        buffers.Add(new(Names.GateScratch(layer.Index), layer.Rows, false));
        buffers.Add(new(HiddenGates(layer.Index), layer.Rows, false));
        buffers.Add(new(HiddenTotal(layer.Index), layer.OutputSize, false));
        buffers.Add(new(Names.HiddenCarry(layer.Index), layer.OutputSize, false));
    }

    public void EmitInitialisation(SourceWriter writer, LayerSpec layer) => RecurrentEmitting.EmitInitialisation(writer, layer);

    /// <summary>
    /// gi = W_ih·x_t + b_ih and gh = W_hh·h_{t−1} + b_hh (rows r [0, H), z [H, 2H), n [2H, 3H)); r = σ(gi_r + gh_r),
    /// z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. The activated gates and gh_n are kept per step.
    /// </summary>
    public void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        writer.WriteLine($"// {Names.Describe(layer)}: gi = W_ih·x_t + b_ih, gh = W_hh·h_{{t−1}} + b_hh; r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n); h_t = (1 − z) ⊙ n + z ⊙ h_{{t−1}}");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitTensors(writer, layer, "p");
            writer.WriteLine($"{TypeNames.Span} gi = {Names.GateScratch(layer.Index)}, gh = {HiddenGates(layer.Index)};");
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)};");
                writer.WriteLine($"{TypeNames.Span} gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t")}, ghn = {Names.Span(HiddenCandidate(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                EmitMatrixVector(writer, "gi", "gi", Activation.Linear, rows, ["bi"], [new MatrixTerm("wi", "x", layer.InputSize)]);
                EmitMatrixVector(writer, "gh", "gh", Activation.Linear, rows, ["bh"], [new MatrixTerm("wh", "hp", units)]);
                writer.WriteLine($"{TypeNames.Numerics}.GruKernels.GruCell(gi, gh, hp, gates, ghn, h);");
            }
        }
    }

    /// <summary>
    /// Last step first, carrying dL/dh_{t−1} = dL/dh_t ⊙ z + W_hhᵀ·d(gh): the kernel turns dL/dh_t into the gradients of
    /// gi and gh (they differ in the n block, which r scales on the hidden side); both flow into their weights and biases.
    /// </summary>
    public void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time through the gates r, z, n");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitBackwardWeights(writer, spec, layer);
            RecurrentEmitting.EmitTensors(writer, layer, "g");
            EmitClearUnlessAccumulating(writer, spec, "gwi", "gwh", "gbi", "gbh");
            writer.WriteLine($"{TypeNames.Span} carry = {Names.HiddenCarry(layer.Index)}, total = {HiddenTotal(layer.Index)}, dgi = {Names.GateScratch(layer.Index)}, dgh = {HiddenGates(layer.Index)};");
            writer.WriteLine("carry.Clear();");
            using (writer.OpenBlock("for (int t = _steps - 1; t >= 0; t--)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)};");
                writer.WriteLine($"{TypeNames.ReadOnlySpan} gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t", readOnly: true)}, ghn = {Names.Span(HiddenCandidate(layer.Index), units, "t", readOnly: true)}, d = {Names.Span(Names.OutputGradient(layer.Index), units, "t", readOnly: true)};");
                writer.WriteLine($"{TypeNames.TensorPrimitives}.Add(d, carry, total);");
                writer.WriteLine($"{TypeNames.Numerics}.GruKernels.GruCellBackward(gates, ghn, hp, total, dgi, dgh, carry);");
                RecurrentEmitting.EmitGradients(writer, spec, layer, "dgi", "dgh");
                EmitTransposedAccumulate(writer, "carry", "wh", "dgh", rows, units);
            }
            EmitFusedUpdate(writer, spec, layer.ParameterOffset, layer.ParameterCount);
        }
    }
}
