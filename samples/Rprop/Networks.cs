using NetGen;

/// <summary>XOR with the classic 2-2-1 network: tanh hidden units, a sigmoid output trained with cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
public partial class XorNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>XOR with four hidden units: more ways to solve it, fewer runs stuck with a saturated hidden unit.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
public partial class WideXorNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>8-bit parity, 8-16-1: is the number of ones odd?</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
public partial class ParityNet
{
    [Input(8)] public partial InputLayer In { get; }
    [Dense(16, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}
