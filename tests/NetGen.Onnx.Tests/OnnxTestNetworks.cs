namespace NetGen.Onnx.Tests.Networks;

// Networks declared directly in the test source: the real build runs the generator on them, as users get them.
// The tests overwrite every parameter with random values, so nonzero biases and every gate's block count.

/// <summary>Every dense activation but softmax, one after another.</summary>
[Network(Seed = 1)]
public partial class EveryActivationNet
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
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>A softmax classifier.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 2)]
public partial class ClassifierNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(8, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(4, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Residuals from the input, two from one layer, a chain, and one on the output layer.</summary>
[Network(Seed = 3)]
public partial class ResidualNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh, Residual = nameof(In))] public partial DenseLayer A { get; }
    [Dense(4, Activation.Relu)] public partial DenseLayer B { get; }
    [Dense(4, Activation.Sigmoid, Residual = nameof(A))] public partial DenseLayer C { get; }
    [Dense(4, Activation.Gelu, Residual = nameof(A))] public partial DenseLayer D { get; }
    [Dense(4, Residual = nameof(D))] public partial DenseLayer Out { get; }
}

/// <summary>An Elman layer handing on only its last step.</summary>
[Network(Seed = 4)]
public partial class RnnLastStepNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(6)] public partial RecurrentLayer Rnn { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>An Elman layer returning every step, a dense layer on each step.</summary>
[Network(Seed = 5)]
public partial class RnnSequenceNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(6, ReturnSequences = true)] public partial RecurrentLayer Rnn { get; }
    [Dense(2, Activation.Tanh)] public partial DenseLayer Out { get; }
}

/// <summary>Stacked Elman layers with every other activation ONNX's RNN offers.</summary>
[Network(Seed = 6)]
public partial class RnnActivationsNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Recurrent(5, Activation.Relu, ReturnSequences = true)] public partial RecurrentLayer Relu { get; }
    [Recurrent(5, Activation.LeakyRelu, ReturnSequences = true)] public partial RecurrentLayer LeakyRelu { get; }
    [Recurrent(5, Activation.Elu, ReturnSequences = true)] public partial RecurrentLayer Elu { get; }
    [Recurrent(5, Activation.Softplus, ReturnSequences = true)] public partial RecurrentLayer Softplus { get; }
    [Recurrent(5, Activation.Sigmoid, ReturnSequences = true)] public partial RecurrentLayer Sigmoid { get; }
    [Recurrent(4, Activation.Linear)] public partial RecurrentLayer Linear { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// A dense layer on every step before the recurrence, stacked LSTMs (the first returning sequences, with a
/// per-step residual after it), and a dense stack on the last step.
/// </summary>
[Network(Seed = 7)]
public partial class LstmNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(5, Activation.Tanh)] public partial DenseLayer Embed { get; }
    [Lstm(6, ReturnSequences = true)] public partial LstmLayer First { get; }
    [Dense(6, Activation.Elu, Residual = nameof(First))] public partial DenseLayer Mix { get; }
    [Lstm(4)] public partial LstmLayer Second { get; }
    [Dense(4, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>An LSTM tagger: softmax over classes on every step.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 8)]
public partial class LstmTaggerNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(5, ReturnSequences = true)] public partial LstmLayer Memory { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Tags { get; }
}

/// <summary>GELU has no ONNX RNN activation: this network cannot be exported.</summary>
[Network(Seed = 9)]
public partial class GeluRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3, Activation.Gelu)] public partial RecurrentLayer Rnn { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>Equal widths on both sides of the sequence's end (First every step, Out the last): the residual checks alter it.</summary>
[Network(Seed = 10)]
public partial class EqualWidthLstmNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Lstm(4, ReturnSequences = true)] public partial LstmLayer First { get; }
    [Lstm(4)] public partial LstmLayer Second { get; }
    [Dense(4)] public partial DenseLayer Out { get; }
}

/// <summary>The self-normalising pair SELU and SiLU as hidden dense activations (SiLU as x·Sigmoid(x) in ONNX).</summary>
[Network(Seed = 11)]
public partial class SeluSiluNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(7, Activation.Selu)] public partial DenseLayer Selu { get; }
    [Dense(6, Activation.Silu)] public partial DenseLayer Silu { get; }
    [Dense(6, Activation.Selu, Residual = nameof(Silu))] public partial DenseLayer SeluResidual { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU handing on only its last step.</summary>
[Network(Seed = 12)]
public partial class GruLastStepNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(6)] public partial GruLayer Gru { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU returning every step, a dense SiLU layer and a linear head on each step.</summary>
[Network(Seed = 13)]
public partial class GruSequenceNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(5, ReturnSequences = true)] public partial GruLayer Gru { get; }
    [Dense(4, Activation.Silu)] public partial DenseLayer Hidden { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A GRU and an LSTM stacked both ways round (GRU into LSTM into GRU), with a per-step residual between them.</summary>
[Network(Seed = 14)]
public partial class GruLstmNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Gru(5, ReturnSequences = true)] public partial GruLayer First { get; }
    [Lstm(5, ReturnSequences = true)] public partial LstmLayer Middle { get; }
    [Dense(5, Activation.Selu, Residual = nameof(First))] public partial DenseLayer Mix { get; }
    [Gru(4)] public partial GruLayer Last { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// GRUs of 17 and 20 units (above the unrolling threshold, so the generated code loops; wider than one 16-float
/// vector, so the kernels take their vector and scalar tails), with an update-gate bias.
/// </summary>
[Network(Seed = 15)]
public partial class WideGruNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Gru(17, ReturnSequences = true, UpdateBias = 1.5f)] public partial GruLayer Wide { get; }
    [Gru(20, UpdateBias = -0.75f)] public partial GruLayer Wider { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>ONNX's RNN has no SELU: this network cannot be exported.</summary>
[Network(Seed = 16)]
public partial class SeluRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3, Activation.Selu)] public partial RecurrentLayer Rnn { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>ONNX's RNN has no SiLU (no activation of the form x·f(x)): this network cannot be exported.</summary>
[Network(Seed = 17)]
public partial class SiluRnnNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Recurrent(3, ReturnSequences = true)] public partial RecurrentLayer First { get; }
    [Recurrent(3, Activation.Silu)] public partial RecurrentLayer SiluRnn { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}

/// <summary>
/// An image classifier: a valid convolution, max pooling with a stride below its window and padding (ONNX ignores
/// the padding, as PyTorch's −∞), a "same" convolution with an even kernel (padding 1 before, 2 after) adding the
/// pooled map, a strided, dilated and padded convolution, average pooling whose padding counts in the mean, and a
/// softmax over the flattened 5 × 2 × 2 map.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 18)]
public partial class ConvClassifierNet
{
    [Input(2, 16, 14)] public partial InputLayer In { get; }
    [Conv2D(4, 3, Activation.Relu)] public partial ConvLayer Conv1 { get; }                                              // 4 × 14 × 12
    [MaxPool2D(3, Stride = 2, Padding = 1)] public partial PoolingLayer Pool1 { get; }                                   // 4 × 7 × 6
    [Conv2D(4, 4, Activation.Elu, Same = true, Residual = nameof(Pool1))] public partial ConvLayer Same { get; }        // 4 × 7 × 6
    [Conv2D(5, 3, Activation.Tanh, Stride = 2, Padding = 1, Dilation = 2)] public partial ConvLayer Strided { get; }    // 5 × 3 × 2
    [AvgPool2D(2, Padding = 1)] public partial PoolingLayer Pool2 { get; }                                               // 5 × 2 × 2
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>
/// A temporal convolution network: causal convolutions with dilations 1, 2 and 4 (padding 2, 4 and 8 before the
/// sequence, none after), the last adding the first's output, each channel's mean over time, and a dense head.
/// </summary>
[Network(Seed = 19)]
public partial class TcnNet
{
    [Input(3, 20)] public partial InputLayer In { get; }
    [Conv1D(6, 3, Activation.Relu, Causal = true)] public partial ConvLayer C1 { get; }
    [Conv1D(6, 3, Activation.Relu, Causal = true, Dilation = 2)] public partial ConvLayer C2 { get; }
    [Conv1D(6, 3, Activation.Tanh, Causal = true, Dilation = 4, Residual = nameof(C1))] public partial ConvLayer C3 { get; }
    [GlobalAvgPool] public partial PoolingLayer Gap { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>One-dimensional pooling: a "same" convolution with an even kernel, padded average and max pooling, a strided convolution, and a dense layer on the flattened 3 × 3 map.</summary>
[Network(Seed = 20)]
public partial class SignalNet
{
    [Input(2, 17)] public partial InputLayer In { get; }
    [Conv1D(4, 4, Activation.Silu, Same = true)] public partial ConvLayer Smooth { get; }               // 4 × 17
    [AvgPool1D(3, Stride = 2, Padding = 1)] public partial PoolingLayer Average { get; }                 // 4 × 9
    [Conv1D(3, 2, Activation.Selu, Stride = 2)] public partial ConvLayer Strided { get; }               // 3 × 4
    [MaxPool1D(2, Padding = 1)] public partial PoolingLayer Max { get; }                                 // 3 × 3
    [Dense(2, Activation.Tanh)] public partial DenseLayer Out { get; }
}

/// <summary>Global average pooling of an image (GlobalAveragePool's [N, C, 1, 1] flattened to [N, C]) before a dense head.</summary>
[Network(Seed = 21)]
public partial class ImagePoolNet
{
    [Input(3, 7, 6)] public partial InputLayer In { get; }
    [Conv2D(4, 3, Activation.Gelu, Padding = 1)] public partial ConvLayer Conv { get; }
    [GlobalAvgPool] public partial PoolingLayer Gap { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A convolution as the output layer: the model's output keeps its channels × length shape.</summary>
[Network(Seed = 22)]
public partial class FullyConvNet
{
    [Input(1, 12)] public partial InputLayer In { get; }
    [Conv1D(4, 3, Activation.Tanh, Causal = true)] public partial ConvLayer Hidden { get; }
    [Conv1D(1, 1)] public partial ConvLayer Out { get; }
}
