namespace NetGen.Model;

/// <summary>An Elman layer, <c>[Recurrent(units, activation)]</c>: h_t = φ(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh), as torch.nn.RNNCell.</summary>
internal sealed class ElmanKind : RecurrentKindDescriptor
{
    public override LayerKind Kind => LayerKind.Recurrent;

    public override string AttributeName => "Recurrent";

    public override string ViewType => "RecurrentLayer";

    public override bool HasActivationArgument => true;

    public override string OnnxOperator => "RNN";
}
