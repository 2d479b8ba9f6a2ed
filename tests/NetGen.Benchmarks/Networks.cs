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

/// <summary>
/// W7: the Fashion-MNIST CNN, 1×28×28 → Conv2D 16 3×3 same ReLU → MaxPool 2 → Conv2D 32 3×3 same ReLU → MaxPool 2
/// → Dense 128 ReLU → Dense 10 softmax, cross-entropy.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 7)]
public partial class FashionCnn
{
    [Input(1, 28, 28)] public partial InputLayer In { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Conv1 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool1 { get; }
    [Conv2D(32, 3, Activation.Relu, Same = true)] public partial ConvLayer Conv2 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool2 { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>
/// W8: RTNeural's use case, a dilated causal temporal convolution stack over a window of one audio channel: four
/// Conv1D(16, kernel 3, tanh, causal) with dilations 1, 2, 4, 8 (receptive field 1 + 2·15 = 31 samples, the window's
/// length), then a 1×1 Conv1D to one linear output channel; one output per time step.
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 8)]
public partial class DilatedTcn
{
    /// <summary>The window: the stack's receptive field.</summary>
    public const int Window = 31;

    [Input(1, Window)] public partial InputLayer In { get; }
    [Conv1D(16, 3, Activation.Tanh, Causal = true, Dilation = 1)] public partial ConvLayer D1 { get; }
    [Conv1D(16, 3, Activation.Tanh, Causal = true, Dilation = 2)] public partial ConvLayer D2 { get; }
    [Conv1D(16, 3, Activation.Tanh, Causal = true, Dilation = 4)] public partial ConvLayer D4 { get; }
    [Conv1D(16, 3, Activation.Tanh, Causal = true, Dilation = 8)] public partial ConvLayer D8 { get; }
    [Conv1D(1, 1)] public partial ConvLayer Out { get; }
}

/// <summary>W9's plain MLP: 784-256-256-10, ReLU.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 9)]
public partial class PlainMlp256
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(256, Activation.Relu)] public partial DenseLayer H1 { get; }
    [Dense(256, Activation.Relu)] public partial DenseLayer H2 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>W9's MLP with batch normalisation after each hidden layer (Linear → BatchNorm → ReLU) and dropout before the classifier.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 9)]
public partial class BatchNormMlp256
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(256)] public partial DenseLayer H1 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N1 { get; }
    [Dense(256)] public partial DenseLayer H2 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N2 { get; }
    [Dropout(0.3)] public partial DropoutLayer Drop { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>W9's MLP with layer normalisation after each hidden layer.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 9)]
public partial class LayerNormMlp256
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(256)] public partial DenseLayer H1 { get; }
    [LayerNorm(Activation.Relu)] public partial LayerNormLayer N1 { get; }
    [Dense(256)] public partial DenseLayer H2 { get; }
    [LayerNorm(Activation.Relu)] public partial LayerNormLayer N2 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}
