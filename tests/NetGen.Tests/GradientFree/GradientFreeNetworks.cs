namespace NetGen.Tests.Networks;

/// <summary>The 2-2-1 sigmoid network of the XOR experiments (9 parameters: W₁ 2×2, b₁, W₂ 1×2, b₂).</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 1)]
public partial class XorSigmoidNet
{
    [Input(2)] public partial InputLayer In { get; }
    [Dense(2, Activation.Sigmoid)] public partial DenseLayer Hidden { get; }
    [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
}

/// <summary>A linear 3-1 network: its 4 parameters are a point for the sphere loss, sum of squares.</summary>
[Network(Seed = 2)]
public partial class FourParameterNet
{
    [Input(3)] public partial InputLayer In { get; }
    [Dense(1)] public partial DenseLayer Out { get; }
}
