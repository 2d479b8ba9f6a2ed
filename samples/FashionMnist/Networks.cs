using NetGen;

// Three classifiers of the 28 × 28 Fashion-MNIST images. All read the same 784 pixel values per image: the CNNs as one
// channel of 28 rows × 28 columns (the IDX files store each image row-major, which is exactly that layout), the MLP
// as a flat vector.

/// <summary>
/// A small CNN: two 3 × 3 convolutions ("same" padding, ReLU, He init), each followed by 2 × 2 max pooling, then a
/// dense layer of 128 on the 32 × 7 × 7 feature maps (the Dense flattens them) and a softmax over the ten classes.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class FashionCnn
{
    [Input(1, 28, 28)] public partial InputLayer Image { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Conv1 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool1 { get; }
    [Conv2D(32, 3, Activation.Relu, Same = true)] public partial ConvLayer Conv2 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool2 { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>
/// The same CNN with batch normalisation between each convolution and its ReLU (Ioffe &amp; Szegedy 2015; the
/// convolutions keep the Auto init, whose scale batch normalisation divides out in training) and dropout of half the
/// dense layer's outputs before the classifier (Srivastava et al. 2014), in training only.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class FashionBatchNormCnn
{
    [Input(1, 28, 28)] public partial InputLayer Image { get; }
    [Conv2D(16, 3, Same = true)] public partial ConvLayer Conv1 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm1 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool1 { get; }
    [Conv2D(32, 3, Same = true)] public partial ConvLayer Conv2 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm2 { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool2 { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dropout(0.5)] public partial DropoutLayer Drop { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>The baseline: a 784-128-10 multilayer perceptron, the CNN's head without the convolutions.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class FashionMlp
{
    [Input(784)] public partial InputLayer Pixels { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
