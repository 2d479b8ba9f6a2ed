namespace NetGen.Tests.Networks;

/// <summary>
/// The module of <c>Assets/make_torch_batchnorm.py</c>: <c>conv = Conv2d(1, 2, 3)</c>, <c>bn2d = BatchNorm2d(2)</c>,
/// ReLU, flatten, <c>fc1 = Linear(18, 4)</c>, <c>bn1d = BatchNorm1d(4)</c>, ReLU, <c>drop = Dropout(0.3)</c>,
/// <c>fc2 = Linear(4, 2)</c>. Its state_dict has 16 tensors; the dropout has none there (its draws are NetGen's own).
/// </summary>
[Network(Seed = 61)]
public partial class TorchBatchNormNet
{
    [Input(1, 5, 5)] public partial InputLayer In { get; }
    [Conv2D(2, 3, Name = "conv")] public partial ConvLayer Conv { get; }
    [BatchNorm(Activation.Relu, Name = "bn2d")] public partial BatchNormLayer Norm2d { get; }
    [Dense(4, Name = "fc1")] public partial DenseLayer Hidden { get; }
    [BatchNorm(Activation.Relu, Name = "bn1d")] public partial BatchNormLayer Norm1d { get; }
    [Dropout(0.3)] public partial DropoutLayer Drop { get; }
    [Dense(2, Name = "fc2")] public partial DenseLayer Out { get; }
}

/// <summary><c>fc = Linear(2, 2)</c> and <c>bn = BatchNorm1d(2)</c>: seven tensors, small enough to write a file by hand.</summary>
[Network(Seed = 62)]
public partial class TinyBatchNormNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Name = "fc")] public partial DenseLayer Hidden { get; }
    [BatchNorm(Name = "bn")] public partial BatchNormLayer Norm { get; }
}
