namespace NetGen.Tests.Networks;

// Networks declared directly in the test source: the real build runs the generator on them, as users get them.

/// <summary>Every layer small enough to be emitted as straight-line code (at most 256 weights).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 11)]
public partial class SmallNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(8, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>784-128-10 as for MNIST: both layers are emitted as loops (100,352 and 1,280 weights).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 12)]
public partial class LargeNet
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(128, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Loop-emitted layers for the gradient check: 20 -> 16 (320 weights) -> 17 (272 weights) -> 3 (51, unrolled).</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 5)]
public partial class WideNet
{
    [Input(20)] public partial InputLayer In { get; }
    [Dense(16, Activation.Tanh)] public partial DenseLayer A { get; }
    [Dense(17, Activation.LeakyRelu)] public partial DenseLayer B { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>Loop-emitted layers ending in softmax: 20 -> 16 (320 weights, GELU) -> 3 classes.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 6)]
public partial class WideSoftmaxNet
{
    [Input(20)] public partial InputLayer In { get; }
    [Dense(16, Activation.Gelu)] public partial DenseLayer A { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Loop-emitted SELU and SiLU layers, so that their vector kernels run: 20 -> 16 (320 weights, SELU: whole vectors)
/// -> 17 (272 weights, SiLU: vectors and a scalar tail) -> 3 (51, unrolled).
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 7)]
public partial class WideSeluSiluNet
{
    [Input(20)] public partial InputLayer In { get; }
    [Dense(16, Activation.Selu)] public partial DenseLayer A { get; }
    [Dense(17, Activation.Silu)] public partial DenseLayer B { get; }
    [Dense(3)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Residual connections in unrolled code: one from the Input layer (A), one layer (A) feeding two residuals
/// (C and D), a chain (Out adds D's output, which already holds A's), and a residual on the output layer.
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 3)]
public partial class ResidualNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh, Residual = nameof(In))] public partial DenseLayer A { get; }
    [Dense(4, Activation.Relu)] public partial DenseLayer B { get; }
    [Dense(4, Activation.Sigmoid, Residual = nameof(A))] public partial DenseLayer C { get; }
    [Dense(4, Activation.Gelu, Residual = nameof(A))] public partial DenseLayer D { get; }
    [Dense(4, Residual = nameof(D))] public partial DenseLayer Out { get; }
}

/// <summary>The same shapes of residual connections in loop-emitted layers (20 x 20 = 400 weights each).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 4)]
public partial class WideResidualNet
{
    [Input(20)] public partial InputLayer In { get; }
    [Dense(20, Activation.Tanh, Residual = nameof(In))] public partial DenseLayer A { get; }
    [Dense(20, Activation.Softplus, Residual = nameof(A))] public partial DenseLayer B { get; }
    [Dense(20, Activation.Elu, Residual = nameof(A))] public partial DenseLayer C { get; }
    [Dense(5, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Binary cross-entropy through the real build, for batching and clone tests.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Seed = 21)]
public partial class BinaryNet
{
    [Input(5)] public partial InputLayer In { get; }
    [Dense(6, Activation.Elu)] public partial DenseLayer Hidden { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>
/// A layout with distinctive sizes for views, argument checks and the summary: 7 inputs, a named layer,
/// 3 outputs. Parameters: 7·5 + 5 = 40, then 5·6 + 6 = 36, then 6·3 + 3 = 21; 97 in all.
/// </summary>
[Network(Seed = 1234)]
public partial class LayoutNet
{
    [Input(7)] public partial InputLayer Features { get; }
    [Dense(5, Activation.Relu)] public partial DenseLayer Encoder { get; }
    [Dense(6, Activation.Tanh, Name = "middle")] public partial DenseLayer Middle { get; }
    [Dense(3)] public partial DenseLayer Head { get; }
}

/// <summary>No Seed argument: the parameterless constructor must use seed 0.</summary>
[Network]
public partial class UnseededNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Out { get; }
}

/// <summary>
/// Init.Auto on every activation, with fan-in ≠ fan-out (64 -> 256) so that He (2/fan_in) and
/// Glorot (2/(fan_in + fan_out)) differ by a factor 2.5 on the first layer and 2 on the square ones; SELU's
/// layer is 256 -> 64, where LeCun (1/fan_in) is 1.6 times below Glorot (on a square layer the two agree).
/// </summary>
[Network(Seed = 99)]
public partial class AutoInitNet
{
    [Input(64)] public partial InputLayer In { get; }
    [Dense(256, Activation.Relu)] public partial DenseLayer Relu { get; }
    [Dense(256, Activation.LeakyRelu)] public partial DenseLayer LeakyRelu { get; }
    [Dense(256, Activation.Elu)] public partial DenseLayer Elu { get; }
    [Dense(256, Activation.Gelu)] public partial DenseLayer Gelu { get; }
    [Dense(256, Activation.Tanh)] public partial DenseLayer Tanh { get; }
    [Dense(256, Activation.Sigmoid)] public partial DenseLayer Sigmoid { get; }
    [Dense(256, Activation.Softplus)] public partial DenseLayer Softplus { get; }
    [Dense(256)] public partial DenseLayer Linear { get; }
    [Dense(64, Activation.Selu)] public partial DenseLayer Selu { get; }
    [Dense(256, Activation.Silu)] public partial DenseLayer Silu { get; }
}

/// <summary>Explicit Init arguments, on non-square layers so that fan-in and fan-out cannot be swapped unnoticed.</summary>
[Network(Seed = 98)]
public partial class ExplicitInitNet
{
    [Input(128)] public partial InputLayer In { get; }
    [Dense(256, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer LeCun { get; }
    [Dense(64, Activation.Tanh, Init = Init.He)] public partial DenseLayer He { get; }
    [Dense(32, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Glorot { get; }
    [Dense(16, Activation.Tanh, Init = Init.Orthogonal)] public partial DenseLayer OrthogonalRows { get; }
    [Dense(48, Init = Init.Orthogonal)] public partial DenseLayer OrthogonalColumns { get; }
    [Dense(4, Activation.Relu, Init = Init.Zeros)] public partial DenseLayer Zeros { get; }
}

/// <summary>A residual whose source layer has a Name argument.</summary>
[Network(Seed = 2)]
public partial class RenamedResidualNet
{
    [Input(4)] public partial InputLayer In { get; }
    [Dense(4, Activation.Tanh, Name = "encoder")] public partial DenseLayer Encoder { get; }
    [Dense(4, Residual = nameof(Encoder))] public partial DenseLayer Out { get; }
}
