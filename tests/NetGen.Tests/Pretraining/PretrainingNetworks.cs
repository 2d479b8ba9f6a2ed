namespace NetGen.Tests.Networks;

/// <summary>Two sigmoid hidden layers under a softmax output: the shape RBM and autoencoder pre-training fill in.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 31)]
public partial class SigmoidStackNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(4, Activation.Sigmoid)] public partial DenseLayer First { get; }
    [Dense(3, Activation.Sigmoid)] public partial DenseLayer Second { get; }
    [Dense(2, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Hidden layers that are not sigmoid: autoencoders can pre-train them, RBMs cannot.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 32)]
public partial class TanhReluStackNet
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(5, Activation.Tanh)] public partial DenseLayer First { get; }
    [Dense(4, Activation.Relu)] public partial DenseLayer Second { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}
