using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>Dense → batch norm → ReLU, twice, with dropout between: PyTorch's usual ordering.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 5)]
public partial class BatchNormMlp
{
    [Input(6)] public partial InputLayer In { get; }
    [Dense(8)] public partial DenseLayer Hidden { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [Dropout(0.25)] public partial DropoutLayer Drop { get; }
    [Dense(5)] public partial DenseLayer Hidden2 { get; }
    [BatchNorm(Activation.Tanh, Residual = nameof(Hidden2))] public partial BatchNormLayer Norm2 { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Conv → batch norm (per channel over positions) → ReLU → pool → layer norm → dense.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 3)]
public partial class BatchNormConvNet
{
    [Input(2, 6, 6)] public partial InputLayer Image { get; }
    [Conv2D(3, 3)] public partial ConvLayer Conv { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer Norm { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool { get; }
    [LayerNorm(Activation.Sigmoid)] public partial LayerNormLayer Layer { get; }
    [Dropout(0.5)] public partial DropoutLayer Drop { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Layer norm only (no training mode): the ordinary paths.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 9)]
public partial class LayerNormMlp
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(7)] public partial DenseLayer Hidden { get; }
    [LayerNorm(Activation.Tanh)] public partial LayerNormLayer Norm { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Dropout reading 4,000 inputs straight into one linear unit: with every input 1 and the target 0, a training step's
/// gradient of weight j is 2y·mask_j, so each mask can be read back from the gradients.
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 21)]
public partial class DropoutProbe
{
    public const int Width = 4000;
    public const double Probability = 0.3;

    [Input(Width)] public partial InputLayer In { get; }
    [Dropout(Probability)] public partial DropoutLayer Drop { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}
