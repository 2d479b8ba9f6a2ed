using NetGen;

/// <summary>Softmax regression on 100 RBM features (scikit-learn's example puts a logistic regression there).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class FeatureClassifier
{
    [Input(100)] public partial InputLayer Features { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>Softmax regression on the 64 raw pixels: the baseline.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class PixelClassifier
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>Five sigmoid hidden layers of 100 units under a softmax output: deep enough for vanishing gradients.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class DeepSigmoidNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(100, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
    [Dense(100, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
    [Dense(100, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
    [Dense(100, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
    [Dense(100, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
