using NetGen;

// The same 64-64x8-10 classifier declared four ways. Only the hidden activations, the initialisation, the skip
// connections and the batch normalisation differ, so whatever separates the four runs comes from gradient flow alone.

// NG0001 (vanishing gradient predicted) fires here, and that is the point of the sample: this stack is kept
// as the bad example whose prediction is printed and then confirmed by measurement and training. Suppressing
// the warning for this one declaration keeps the build clean (TreatWarningsAsErrors) without hiding it elsewhere.
#pragma warning disable NG0001
/// <summary>Eight sigmoid hidden layers, Glorot init, no skip connections: the gradient vanishes.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class SigmoidNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H1 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H2 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H3 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H4 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H5 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H6 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H7 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H8 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
#pragma warning restore NG0001

/// <summary>The same stack with ReLU and He init: the gradient keeps its scale from layer to layer.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class ReluNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H1 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H2 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H3 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H4 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H5 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H6 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H7 { get; }
    [Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer H8 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>The sigmoid stack again, with an identity path around every hidden layer after the first: the gradient gets through.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class ResidualSigmoidNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer H1 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H1))] public partial DenseLayer H2 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H2))] public partial DenseLayer H3 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H3))] public partial DenseLayer H4 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H4))] public partial DenseLayer H5 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H5))] public partial DenseLayer H6 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H6))] public partial DenseLayer H7 { get; }
    [Dense(64, Activation.Sigmoid, Init = Init.Glorot, Residual = nameof(H7))] public partial DenseLayer H8 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>
/// The sigmoid stack again, each hidden linear layer followed by batch normalisation and then the sigmoid
/// (Ioffe &amp; Szegedy 2015): the pre-activations are standardised over each batch, so the sigmoids do not saturate.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class BatchNormSigmoidNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H1 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N1 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H2 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N2 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H3 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N3 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H4 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N4 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H5 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N5 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H6 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N6 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H7 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N7 { get; }
    [Dense(64, Init = Init.Glorot)] public partial DenseLayer H8 { get; }
    [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer N8 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
