using NetGen;

// He et al. (2015)'s comparison on the 8 × 8 UCI digits: 16 channels throughout, 3 × 3 "same" convolutions (the image
// keeps its size, so every layer can add its input back), then a dense softmax layer over the 16 × 8 × 8 feature maps.
// Weight layers are counted as in the paper: the convolutions and the dense layer.

/// <summary>The deep plain network: 19 ReLU convolutions with He initialisation, then the dense layer.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class Plain20
{
    [Input(1, 8, 8)] public partial InputLayer Pixels { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Stem { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C2 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C3 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C4 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C5 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C6 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C7 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C8 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C9 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C10 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C11 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C12 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C13 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C14 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C15 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C16 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C17 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C18 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C19 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>
/// <see cref="Plain20"/> with an identity shortcut around every pair of convolutions after the stem: each block is a
/// ReLU convolution and a linear one that adds the block's input (<c>Residual</c> = the layer two back). Without
/// normalisation, He-initialised blocks would double the signal's mean square each time (NG0005); the block's second
/// convolution starts at zero instead (Fixup, Zhang et al. 2019), so every block starts as the identity. It is linear
/// because a zero-initialised ReLU layer would never get a gradient (ReLU′(0) = 0).
/// </summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class Residual20
{
    [Input(1, 8, 8)] public partial InputLayer Pixels { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Stem { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block1A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Stem))] public partial ConvLayer Block1B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block2A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block1B))] public partial ConvLayer Block2B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block3A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block2B))] public partial ConvLayer Block3B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block4A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block3B))] public partial ConvLayer Block4B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block5A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block4B))] public partial ConvLayer Block5B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block6A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block5B))] public partial ConvLayer Block6B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block7A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block6B))] public partial ConvLayer Block7B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block8A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block7B))] public partial ConvLayer Block8B { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Block9A { get; }
    [Conv2D(16, 3, Same = true, Init = Init.Zeros, Residual = nameof(Block8B))] public partial ConvLayer Block9B { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}

/// <summary>The shallow plain network: <see cref="Plain20"/> with 7 convolutions instead of 19.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class Plain8
{
    [Input(1, 8, 8)] public partial InputLayer Pixels { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer Stem { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C2 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C3 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C4 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C5 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C6 { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer C7 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
