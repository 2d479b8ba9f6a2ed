using NetGen;

/// <summary>A 64-128-10 classifier for 8x8 digit images: ReLU hidden layer, softmax over the ten digits.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class DigitsNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
