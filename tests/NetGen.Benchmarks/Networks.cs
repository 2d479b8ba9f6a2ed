using NetGen;

namespace NetGen.Benchmarks;

/// <summary>W1 and W3: 32-64-64-8, tanh hidden layers, linear output, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 1)]
public partial class TanhMlp
{
    [Input(32)] public partial InputLayer In { get; }
    [Dense(64, Activation.Tanh)] public partial DenseLayer Hidden1 { get; }
    [Dense(64, Activation.Tanh)] public partial DenseLayer Hidden2 { get; }
    [Dense(8)] public partial DenseLayer Out { get; }
}

/// <summary>W2 and W4: MNIST-shaped 784-128-10, ReLU hidden layer, softmax output, cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 2)]
public partial class MnistMlp
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>W5: an LSTM over sequences of 8 values per step, 32 hidden units, one linear output from the last step, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 5)]
public partial class LstmBench
{
    [Input(8)] public partial InputLayer In { get; }
    [Lstm(32)] public partial LstmLayer Memory { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>W6: W5's shape with a GRU (gates r, z, n) instead of the LSTM: 8 values per step, 32 hidden units, one linear output from the last step, mean squared error.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 6)]
public partial class GruBench
{
    [Input(8)] public partial InputLayer In { get; }
    [Gru(32)] public partial GruLayer Memory { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}
