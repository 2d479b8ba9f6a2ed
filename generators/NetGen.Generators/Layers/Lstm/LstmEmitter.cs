using System.Collections.Generic;
using NetGen.Generators.Helpers;
using NetGen.Model;
using static NetGen.Generators.NetworkGenerator;

namespace NetGen.Generators.Layers;

/// <summary>
/// An LSTM layer (torch.nn.LSTMCell, gate rows i, f, g, o): the four gate products, the cell update, and
/// backpropagation through time carrying dL/dh and dL/dc to the previous step.
/// </summary>
internal sealed partial class LstmEmitter : RecurrentEmitter
{
    public override void AddBuffers(LayerSpec layer, List<Buffer> buffers)
    {
        buffers.Add(new(Names.Cell(layer.Index), layer.OutputSize, true));
        buffers.Add(new(Names.CellTanh(layer.Index), layer.OutputSize, true));
        buffers.Add(new(Names.GateScratch(layer.Index), layer.Rows, false));
        buffers.Add(new(Names.CellCarry(layer.Index), layer.OutputSize, false));
        buffers.Add(new(Names.HiddenCarry(layer.Index), layer.OutputSize, false));
    }

    public override void EmitInitialisation(SourceWriter writer, LayerSpec layer) => RecurrentEmitting.EmitInitialisation(writer, layer);

    /// <summary>
    /// [i f g o] = W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh (rows [0, H), [H, 2H), [2H, 3H), [3H, 4H)), then σ, σ, tanh, σ;
    /// c_t = f·c_{t−1} + i·g; h_t = o·tanh(c_t). The activated gates are kept per step.
    /// </summary>
    public override void EmitForward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        writer.WriteLine($"// {Names.Describe(layer)}: gates i, f, g, o = W_ih·x_t + b_ih + W_hh·h_{{t−1}} + b_hh (rows [0, H), [H, 2H), [2H, 3H), [3H, 4H)); c_t = σ(f)·c_{{t−1}} + σ(i)·tanh(g); h_t = σ(o)·tanh(c_t)");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitTensors(writer, layer, "p");
            writer.WriteLine($"{TypeNames.Span} pre = {Names.GateScratch(layer.Index)};");
            using (writer.OpenBlock("for (int t = 0; t < _steps; t++)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)}, cp = {RecurrentEmitting.PreviousStep(Names.Cell(layer.Index), units)};");
                writer.WriteLine($"{TypeNames.Span} gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t")}, c = {Names.Span(Names.Cell(layer.Index), units, "t")}, tc = {Names.Span(Names.CellTanh(layer.Index), units, "t")}, h = {Names.Span(Names.Output(layer.Index), units, "t")};");
                EmitMatrixVector(writer, "pre", "pre", Activation.Linear, rows, ["bi", "bh"], [new MatrixTerm("wi", "x", layer.InputSize), new MatrixTerm("wh", "hp", units)]);
                writer.WriteLine($"{TypeNames.Numerics}.RecurrentKernels.LstmCell(pre, cp, gates, c, tc, h);");
            }
        }
    }

    /// <summary>
    /// Last step first: the kernel turns dL/dh_t (from above and from step t + 1) and the cell carry into the gates'
    /// gradients (dc = dh·o·tanh′(c) + dc_{t+1}·f_{t+1}); they then flow through W_ih, W_hh and both biases.
    /// </summary>
    public override void EmitBackward(SourceWriter writer, NetworkSpec spec, LayerSpec layer)
    {
        int units = layer.OutputSize, rows = layer.Rows;
        writer.WriteLine($"// {Names.Describe(layer)}: backpropagation through time through the cell state and the gates i, f, g, o");
        using (writer.OpenBlock())
        {
            RecurrentEmitting.EmitBackwardStart(writer, spec, layer);
            writer.WriteLine($"{TypeNames.Span} dh = {Names.HiddenCarry(layer.Index)}, dc = {Names.CellCarry(layer.Index)}, dz = {Names.GateScratch(layer.Index)};");
            writer.WriteLine("dh.Clear();");
            writer.WriteLine("dc.Clear();");
            using (writer.OpenBlock("for (int t = _steps - 1; t >= 0; t--)"))
            {
                writer.WriteLine($"{TypeNames.ReadOnlySpan} {RecurrentEmitting.InputAndPreviousHidden(spec, layer)}, cp = {RecurrentEmitting.PreviousStep(Names.Cell(layer.Index), units)};");
                writer.WriteLine($"{TypeNames.ReadOnlySpan} gates = {Names.Span(Names.PreActivation(layer.Index), rows, "t", readOnly: true)}, tc = {Names.Span(Names.CellTanh(layer.Index), units, "t", readOnly: true)}, d = {Names.Span(Names.OutputGradient(layer.Index), units, "t", readOnly: true)};");
                writer.WriteLine($"{TypeNames.Numerics}.RecurrentKernels.LstmCellBackward(gates, tc, cp, d, dh, dc, dz);");
                RecurrentEmitting.EmitGradients(writer, spec, layer, "dz", "dz");
                writer.WriteLine("dh.Clear();");
                EmitTransposedAccumulate(writer, "dh", "wh", "dz", rows, units);
            }
            EmitFusedUpdate(writer, spec, layer);
        }
    }
}
