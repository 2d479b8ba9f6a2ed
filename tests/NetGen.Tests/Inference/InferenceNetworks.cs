using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>W1's shape (32-64-64-8, tanh): the inference form's 64-output blocks and a narrow output.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 31)]
public partial class InferenceTanhMlp
{
    [Input(32)] public partial InputLayer In { get; }
    [Dense(64, Activation.Tanh)] public partial DenseLayer Hidden1 { get; }
    [Dense(64, Activation.Tanh)] public partial DenseLayer Hidden2 { get; }
    [Dense(8)] public partial DenseLayer Out { get; }
}

/// <summary>ReLU then softmax; 130 units take a 128-output block and a 16-output one (stride 144).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 32)]
public partial class InferenceReluSoftmaxMlp
{
    [Input(50)] public partial InputLayer In { get; }
    [Dense(130, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Residuals from the input and from a hidden layer, an ELU and a sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 33)]
public partial class InferenceResidualMlp
{
    [Input(20)] public partial InputLayer In { get; }
    [Dense(20, Activation.Tanh, Residual = nameof(In))] public partial DenseLayer A { get; }
    [Dense(20, Activation.Elu)] public partial DenseLayer B { get; }
    [Dense(20, Activation.Relu, Residual = nameof(B))] public partial DenseLayer C { get; }
    [Dense(3, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Batch normalisation folded into the linear dense layer before it (twice, one with dropout after it), and one that
/// cannot be folded: over the input, with dropout before it.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 34)]
public partial class InferenceBatchNormMlp
{
    [Input(12)] public partial InputLayer In { get; }
    [Dropout(0.2)] public partial DropoutLayer InputDrop { get; }
    [BatchNorm] public partial BatchNormLayer InputNorm { get; }
    [Dense(24)] public partial DenseLayer Hidden1 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm1 { get; }
    [Dropout(0.3)] public partial DropoutLayer Drop { get; }
    [Dense(20)] public partial DenseLayer Hidden2 { get; }
    [BatchNorm(Activation.Tanh)] public partial BatchNormLayer Norm2 { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}
