namespace NetGen.PyTorch.Tests;

// The matrix the PyTorch twins are checked on: every layer kind, window option, normalisation, dropout, recurrent
// option (sequences or the last step, RNNCell's activations and ElmanCell's), activation, residual, tensor naming and
// loss, each at least once. ParityCases lists them with their batch and steps.

/// <summary>Every element-wise activation in turn, a residual, a softmax output and cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class ActivationsMlp
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(6, Activation.Sigmoid)] public partial DenseLayer Sigmoid { get; }
    [Dense(6, Activation.Tanh)] public partial DenseLayer Tanh { get; }
    [Dense(6, Activation.Relu)] public partial DenseLayer Relu { get; }
    [Dense(6, Activation.LeakyRelu)] public partial DenseLayer LeakyRelu { get; }
    [Dense(6, Activation.Elu)] public partial DenseLayer Elu { get; }
    [Dense(6, Activation.Gelu)] public partial DenseLayer Gelu { get; }
    [Dense(6, Activation.Softplus)] public partial DenseLayer Softplus { get; }
    [Dense(6, Activation.Selu)] public partial DenseLayer Selu { get; }
    [Dense(6, Activation.Silu)] public partial DenseLayer Silu { get; }
    [Dense(6, Residual = nameof(Selu))] public partial DenseLayer Linear { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>
/// Mean squared error; tensor names PyTorch cannot take as plain attributes: dotted (nested containers), lower case
/// (add_module) and a Python keyword (read back by get_submodule).
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 2)]
public partial class NamedMlp
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(5, Activation.Tanh, Name = "encoder.fc")] public partial DenseLayer Encoder { get; }
    [Dense(5, Activation.Relu, Name = "head")] public partial DenseLayer Head { get; }
    [Dense(5, Activation.Sigmoid, Name = "lambda")] public partial DenseLayer Keyword { get; }
    [Dense(2, Name = "decoder.out.proj")] public partial DenseLayer Out { get; }
}

/// <summary>Binary cross-entropy on a sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 3)]
public partial class BinaryMlp
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(4, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>Elman layers as nn.RNNCell (tanh, relu), every step's output, a dense layer per step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 4)]
public partial class ElmanSequenceNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(5, ReturnSequences = true)] public partial RecurrentLayer First { get; }
    [Recurrent(4, Activation.Relu, ReturnSequences = true)] public partial RecurrentLayer Second { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Elman layers RNNCell cannot be (GELU, sigmoid: ElmanCell), the last step only, binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 5)]
public partial class ElmanCellNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(4, Activation.Gelu, ReturnSequences = true)] public partial RecurrentLayer First { get; }
    [Recurrent(4, Activation.Sigmoid)] public partial RecurrentLayer Last { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>LSTM then GRU over every step, a softmax per step: cross-entropy averaged over the steps.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 6)]
public partial class GatedSequenceNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(5, ReturnSequences = true, ForgetBias = 1)] public partial LstmLayer Lstm { get; }
    [Gru(4, ReturnSequences = true)] public partial GruLayer Gru { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Tags { get; }
}

/// <summary>A GRU over every step, then an LSTM's last step.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 7)]
public partial class GatedLastStepNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Gru(4, ReturnSequences = true, UpdateBias = 1)] public partial GruLayer Gru { get; }
    [Lstm(3)] public partial LstmLayer Lstm { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Conv1D with Same and an even kernel (one more zero after), Causal with dilation and a residual, stride with padding
/// and dilation; max and average pooling with stride and padding; batch and layer normalisation over channels × length.
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 8)]
public partial class Conv1DNet
{
    [Input(2, 16)] public partial InputLayer Signal { get; }
    [Conv1D(4, 4, Activation.Relu, Same = true)] public partial ConvLayer Same { get; }
    [Conv1D(4, 3, Activation.Tanh, Causal = true, Dilation = 2, Residual = nameof(Same))] public partial ConvLayer Causal { get; }
    [MaxPool1D(3, Stride = 2, Padding = 1)] public partial PoolingLayer Max { get; }
    [AvgPool1D(2, Padding = 1)] public partial PoolingLayer Average { get; }
    [Conv1D(3, 3, Activation.Elu, Stride = 2, Padding = 2, Dilation = 2)] public partial ConvLayer Strided { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [LayerNorm] public partial LayerNormLayer LayerNorm { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Conv2D with padding, Same with an even kernel and a residual, dilation with stride; 2D max and average pooling;
/// BatchNorm2d with an activation; a softmax output after flattening.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 9)]
public partial class Conv2DNet
{
    [Input(2, 9, 9)] public partial InputLayer Image { get; }
    [Conv2D(4, 3, Activation.Relu, Padding = 1)] public partial ConvLayer Padded { get; }
    [Conv2D(4, 2, Activation.Silu, Same = true, Residual = nameof(Padded))] public partial ConvLayer Same { get; }
    [MaxPool2D(3, Stride = 2, Padding = 1)] public partial PoolingLayer Max { get; }
    [AvgPool2D(2, Stride = 1)] public partial PoolingLayer Average { get; }
    [Conv2D(3, 3, Activation.LeakyRelu, Dilation = 2, Padding = 2, Stride = 2)] public partial ConvLayer Dilated { get; }
    [BatchNorm(Activation.Tanh)] public partial BatchNormLayer Norm { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>Global average pooling over an image's positions.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 10)]
public partial class GlobalPool2DNet
{
    [Input(3, 6, 6)] public partial InputLayer Image { get; }
    [Conv2D(4, 3, Activation.Gelu)] public partial ConvLayer Conv { get; }
    [GlobalAvgPool] public partial PoolingLayer Pool { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>Global average pooling over a signal's positions, layer normalisation over its channels.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 11)]
public partial class GlobalPool1DNet
{
    [Input(2, 8)] public partial InputLayer Signal { get; }
    [Conv1D(3, 3, Activation.Softplus)] public partial ConvLayer Conv { get; }
    [GlobalAvgPool] public partial PoolingLayer Pool { get; }
    [LayerNorm(Activation.Selu)] public partial LayerNormLayer Norm { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>Batch and layer normalisation over features, with activations and residuals; dropout with p = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 12)]
public partial class NormalizedMlp
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(8)] public partial DenseLayer Hidden { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [Dense(8)] public partial DenseLayer Hidden2 { get; }
    [LayerNorm(Activation.Tanh, Residual = nameof(Norm))] public partial LayerNormLayer LayerNorm { get; }
    [BatchNorm(Residual = nameof(LayerNorm))] public partial BatchNormLayer Norm2 { get; }
    [Dropout(0)] public partial DropoutLayer NoDrop { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Dropout with p = 0.5: evaluation only (PyTorch draws its own masks in training).</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 13)]
public partial class DropoutMlp
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(6, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dropout(0.5)] public partial DropoutLayer Drop { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}
