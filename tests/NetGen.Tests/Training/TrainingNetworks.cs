namespace NetGen.Tests.Networks;

/// <summary>y = w·x + b: one linear unit, whose training a test can follow by hand.</summary>
[Network(Seed = 60)]
public partial class LineNet
{
    [Input(1)] public partial InputLayer In { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>Two linear outputs of two inputs: with identity weights the output is the input (for argmax accuracy).</summary>
[Network(Seed = 61)]
public partial class PairNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A linear stack whose weights a test sets, to make the backward pass overflow at a chosen layer.</summary>
[Network(Seed = 62)]
public partial class LinearStackNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4)] public partial DenseLayer L1 { get; }
    [Dense(4)] public partial DenseLayer L2 { get; }
    [Dense(4)] public partial DenseLayer L3 { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>Eight ReLU layers of 16: with its He weights scaled up, activations and gradients grow layer by layer.</summary>
[Network(Seed = 63)]
public partial class DeepReluNet
{
    [Input(8)] public partial InputLayer In { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H1 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H2 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H3 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H4 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H5 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H6 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H7 { get; }
    [Dense(16, Activation.Relu)] public partial DenseLayer H8 { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>2-4-1 for XOR, tanh then sigmoid, as in the Rprop sample.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 64)]
public partial class XorTrainingNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>XorTrainingNet's layer names with 4 inputs instead of 2: a checkpoint of the one does not fit the other.</summary>
[Network(Seed = 65)]
public partial class WideInputNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}
