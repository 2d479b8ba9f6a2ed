namespace NetGen.Onnx.Tests.Networks;

/// <summary>Dense → batch norm → ReLU, then a batch norm with tanh and a residual: BatchNormalization on [N, C].</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 41)]
public partial class DenseBatchNormNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(6)] public partial DenseLayer Hidden { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [Dense(6)] public partial DenseLayer Hidden2 { get; }
    [BatchNorm(Activation.Tanh, Residual = nameof(Norm))] public partial BatchNormLayer Norm2 { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Batch norm over the channels of a 2-D map (BatchNorm2d) and of a 1-D one (BatchNorm1d on [N, C, L]).</summary>
[Network(Seed = 42)]
public partial class ConvBatchNormNet
{
    [Input(2, 7, 6)] public partial InputLayer Image { get; }
    [Conv2D(3, 3)] public partial ConvLayer Conv { get; }                           // 3 × 5 × 4
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool { get; }                         // 3 × 2 × 2
    [Dense(4)] public partial DenseLayer Out { get; }
}

/// <summary>Batch norm after a 1-D convolution: BatchNormalization on [N, C, L].</summary>
[Network(Seed = 43)]
public partial class Conv1DBatchNormNet
{
    [Input(3, 10)] public partial InputLayer Signal { get; }
    [Conv1D(4, 3)] public partial ConvLayer Conv { get; }                            // 4 × 8
    [BatchNorm(Activation.Elu)] public partial BatchNormLayer Norm { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Layer norm over features, with GELU after it.</summary>
[Network(Seed = 44)]
public partial class DenseLayerNormNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(7)] public partial DenseLayer Hidden { get; }
    [LayerNorm(Activation.Gelu)] public partial LayerNormLayer Norm { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Layer norm over a whole 3 × 3 × 3 map (nn.LayerNorm([3, 3, 3])): LayerNormalization from axis 1.</summary>
[Network(Seed = 45)]
public partial class ConvLayerNormNet
{
    [Input(2, 5, 5)] public partial InputLayer Image { get; }
    [Conv2D(3, 3)] public partial ConvLayer Conv { get; }
    [LayerNorm(Activation.Tanh)] public partial LayerNormLayer Norm { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Dropout in the middle and as the last layer: neither is a node.</summary>
[Network(Seed = 46)]
public partial class DropoutNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(6, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dropout(0.5)] public partial DropoutLayer Drop { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
    [Dropout(0.2)] public partial DropoutLayer OutDrop { get; }
}
