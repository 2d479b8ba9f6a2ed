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
internal sealed partial class GruEmitter : RecurrentEmitter
{
    /// <summary>W_hn·h_{t−1} + b_hn of every step, which the backward pass needs for dL/dr.</summary>
    private static string HiddenCandidate(int index) => Invariant($"_ghn{index}");

    /// <summary>Scratch of one step in the backward pass: the gradient of W_hh·h_{t−1} + b_hh.</summary>
    private static string HiddenGates(int index) => Invariant($"_hgates{index}");

    /// <summary>Scratch of one step in the backward pass: dL/dh_t from above plus what step t + 1 carried back.</summary>
    private static string HiddenTotal(int index) => Invariant($"_dhTotal{index}");

    public override void AddBuffers(LayerSpec layer, List<Buffer> buffers)
    {
        buffers.Add(new(HiddenCandidate(layer.Index), layer.OutputSize, true));
        buffers.Add(new(Names.GateScratch(layer.Index), layer.Rows, false));
        buffers.Add(new(HiddenGates(layer.Index), layer.Rows, false));
        buffers.Add(new(HiddenTotal(layer.Index), layer.OutputSize, false));
        buffers.Add(new(Names.HiddenCarry(layer.Index), layer.OutputSize, false));
    }

    public override void EmitInitialisation(SourceWriter writer, LayerSpec layer) => RecurrentEmitting.EmitInitialisation(writer, layer);

    /// <summary>
    /// Three products per step: rz = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh over the r and z rows [0, 2H) in one
    /// combined product (the gates only see the sum), gi_n = W_in·x_t + b_in and gh_n = W_hn·h_{t−1} + b_hn over the n rows
    /// [2H, 3H) apart (r scales gh_n alone); then r = σ(rz_r), z = σ(rz_z), n = tanh(gi_n + r ⊙ gh_n),
    /// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. The activated gates and gh_n are kept per step.
    /// </summary>
    public override void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, inputs = layer.InputSize, rows = layer.Rows, resetUpdate = 2 * units;
        writer.WriteLine($"// {Names.Describe(layer)}: rz = W_ih·x_t + b_ih + W_hh·h_{{t−1}} + b_hh (rows r, z), gi_n = W_in·x_t + b_in, gh_n = W_hn·h_{{t−1}} + b_hn; r, z = σ(rz), n = tanh(gi_n + r ⊙ gh_n); h_t = (1 − z) ⊙ n + z ⊙ h_{{t−1}}");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitTensors(writer, layer, "p");
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} wiRz = wi.Slice(0, {resetUpdate * inputs}), whRz = wh.Slice(0, {resetUpdate * units}), biRz = bi.Slice(0, {resetUpdate}), bhRz = bh.Slice(0, {resetUpdate});"));
            writer.WriteLine(Invariant($"{TypeNames.ReadOnlySpan} wiN = wi.Slice({resetUpdate * inputs}, {units * inputs}), whN = wh.Slice({resetUpdate * units}, {units * units}), biN = bi.Slice({resetUpdate}, {units}), bhN = bh.Slice({resetUpdate}, {units});"));
            writer.WriteLine(Invariant($"{TypeNames.Span} rz = new {TypeNames.Span}({Names.GateScratch(layer.Index)}, 0, {resetUpdate}), gin = new {TypeNames.Span}({Names.GateScratch(layer.Index)}, {resetUpdate}, {units});"));
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)};");
                writer.WriteLine($"{TypeNames.Span} gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t")}, ghn = {Names.Span(HiddenCandidate(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                EmitMatrixVector(writer, "rz", "rz", Activation.Linear, resetUpdate, ["biRz", "bhRz"], [new MatrixTerm("wiRz", "x", inputs), new MatrixTerm("whRz", "hp", units)]);
                EmitMatrixVector(writer, "gin", "gin", Activation.Linear, units, ["biN"], [new MatrixTerm("wiN", "x", inputs)]);
                EmitMatrixVector(writer, "ghn", "ghn", Activation.Linear, units, ["bhN"], [new MatrixTerm("whN", "hp", units)]);
                writer.WriteLine($"{TypeNames.Numerics}.GruKernels.GruCell(rz, gin, ghn, hp, gates, h);");
            }
        }
    }

    /// <summary>
    /// Last step first, carrying dL/dh_{t−1} = dL/dh_t ⊙ z + W_hhᵀ·d(gh): the kernel turns dL/dh_t into the gradients of
    /// gi and gh (they differ in the n block, which r scales on the hidden side); both flow into their weights and biases.
    /// </summary>
    public override void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time through the gates r, z, n");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitBackwardStart(writer, spec, layer);
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
            EmitFusedUpdate(writer, spec, layer);
        }
    }
}
