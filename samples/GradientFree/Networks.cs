using NetGen;

// The declared loss does not matter to a gradient-free search (it minimises the objective it is given); binary
// cross-entropy is the right one for these sigmoid outputs should the networks ever be trained by gradient.

/// <summary>XOR as in the NEAT paper's fixed-topology comparison: 2 inputs, 2 sigmoid hidden units, 1 sigmoid output (9 parameters).</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 1)]
public partial class XorNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>3-bit parity: 3-3-1 sigmoid (16 parameters), enough hidden units for the textbook threshold solution.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 1)]
public partial class Parity3Net
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(3, Activation.Sigmoid)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>4-bit parity: 4-4-1 sigmoid (25 parameters).</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 1)]
public partial class Parity4Net
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Parity of a ±1 sequence read one value per step, as in Bengio et al. (1994) and the random-guessing paper:
/// 2 fully connected tanh recurrent units and a sigmoid readout of the last step (13 parameters).
/// </summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 1, SequenceLength = ParityTask.SequenceLength)]
public partial class SequenceParityNet
{
    [Input(1)] public partial InputLayer In { get; }
    [Recurrent(2, Activation.Tanh)] public partial RecurrentLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}
