namespace NetGen.Model;

/// <summary>
/// A long short-term memory layer, <c>[Lstm(units)]</c>, as torch.nn.LSTMCell: gate blocks i, f, g, o; the forget
/// gate's bias (<c>ForgetBias</c>) sets the cell's memory at initialisation. ONNX's LSTM orders the gates i, o, f, c.
/// </summary>
internal sealed class LstmKind : RecurrentKindDescriptor
{
    public override LayerKind Kind => LayerKind.Lstm;

    public override string AttributeName => "Lstm";

    public override string ViewType => "LstmLayer";

    public override int Gates => 4;

    public override string GateNames => "i, f, g, o";

    public override int MemoryGate => 1;

    public override string MemoryBiasProperty => "ForgetBias";

    public override string OnnxOperator => "LSTM";

    public override int[] OnnxGateOrder => [0, 3, 1, 2];
}
