namespace NetGen.Model;

/// <summary>
/// A gated recurrent unit layer, <c>[Gru(units)]</c>, as torch.nn.GRUCell: gate blocks r, z, n; the reset gate r
/// multiplies W_hn·h + b_hn (PyTorch's variant, ONNX's linear_before_reset = 1); the update gate's bias
/// (<c>UpdateBias</c>) sets the memory at initialisation, h′ keeping z of the old state. ONNX orders the gates z, r, h.
/// </summary>
internal sealed class GruKind : RecurrentKindDescriptor
{
    public override LayerKind Kind => LayerKind.Gru;

    public override string AttributeName => "Gru";

    public override string ViewType => "GruLayer";

    public override int Gates => 3;

    public override string GateNames => "r, z, n";

    public override int MemoryGate => 1;

    public override string MemoryBiasProperty => "UpdateBias";

    public override string OnnxOperator => "GRU";

    public override int[] OnnxGateOrder => [1, 0, 2];

    public override (string Name, long Value)[] OnnxIntAttributes => [("linear_before_reset", 1)];
}
