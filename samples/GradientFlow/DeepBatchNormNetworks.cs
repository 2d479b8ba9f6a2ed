using NetGen;

// Batch normalisation's other side (Yang et al. 2019, "A mean field theory of batch normalization"): it keeps the
// forward signal at unit scale at any depth, but without skip connections the gradient through a batch-normalised
// ReLU stack grows by about π/(π − 1) in mean square per layer at initialisation, so the first layers of a deep one
// get gradients orders of magnitude larger than the last. The same 30 blocks with an identity path around each
// keep it bounded. The linear layers keep the default initialisation (Glorot): in training, batch normalisation
// divides out their scale.

// NG0002 (exploding gradient predicted) is what this declaration is here to show, so it is suppressed for this
// declaration only (TreatWarningsAsErrors), as SigmoidNet's NG0001 is.
#pragma warning disable NG0002
/// <summary>30 blocks of linear → batch norm → ReLU, no skip connections: the gradient explodes at initialisation.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class DeepBatchNormReluNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64)] public partial DenseLayer H1 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N1 { get; }
    [Dense(64)] public partial DenseLayer H2 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N2 { get; }
    [Dense(64)] public partial DenseLayer H3 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N3 { get; }
    [Dense(64)] public partial DenseLayer H4 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N4 { get; }
    [Dense(64)] public partial DenseLayer H5 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N5 { get; }
    [Dense(64)] public partial DenseLayer H6 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N6 { get; }
    [Dense(64)] public partial DenseLayer H7 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N7 { get; }
    [Dense(64)] public partial DenseLayer H8 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N8 { get; }
    [Dense(64)] public partial DenseLayer H9 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N9 { get; }
    [Dense(64)] public partial DenseLayer H10 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N10 { get; }
    [Dense(64)] public partial DenseLayer H11 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N11 { get; }
    [Dense(64)] public partial DenseLayer H12 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N12 { get; }
    [Dense(64)] public partial DenseLayer H13 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N13 { get; }
    [Dense(64)] public partial DenseLayer H14 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N14 { get; }
    [Dense(64)] public partial DenseLayer H15 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N15 { get; }
    [Dense(64)] public partial DenseLayer H16 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N16 { get; }
    [Dense(64)] public partial DenseLayer H17 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N17 { get; }
    [Dense(64)] public partial DenseLayer H18 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N18 { get; }
    [Dense(64)] public partial DenseLayer H19 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N19 { get; }
    [Dense(64)] public partial DenseLayer H20 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N20 { get; }
    [Dense(64)] public partial DenseLayer H21 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N21 { get; }
    [Dense(64)] public partial DenseLayer H22 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N22 { get; }
    [Dense(64)] public partial DenseLayer H23 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N23 { get; }
    [Dense(64)] public partial DenseLayer H24 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N24 { get; }
    [Dense(64)] public partial DenseLayer H25 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N25 { get; }
    [Dense(64)] public partial DenseLayer H26 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N26 { get; }
    [Dense(64)] public partial DenseLayer H27 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N27 { get; }
    [Dense(64)] public partial DenseLayer H28 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N28 { get; }
    [Dense(64)] public partial DenseLayer H29 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N29 { get; }
    [Dense(64)] public partial DenseLayer H30 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N30 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
#pragma warning restore NG0002

/// <summary>The same 30 blocks, each block's output added to the next one's (after its ReLU): the gradient stays bounded.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
public partial class ResidualBatchNormReluNet
{
    [Input(64)] public partial InputLayer Pixels { get; }
    [Dense(64)] public partial DenseLayer H1 { get; }
    [BatchNorm(Activation.Relu)] public partial BatchNormLayer N1 { get; }
    [Dense(64)] public partial DenseLayer H2 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N1))] public partial BatchNormLayer N2 { get; }
    [Dense(64)] public partial DenseLayer H3 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N2))] public partial BatchNormLayer N3 { get; }
    [Dense(64)] public partial DenseLayer H4 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N3))] public partial BatchNormLayer N4 { get; }
    [Dense(64)] public partial DenseLayer H5 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N4))] public partial BatchNormLayer N5 { get; }
    [Dense(64)] public partial DenseLayer H6 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N5))] public partial BatchNormLayer N6 { get; }
    [Dense(64)] public partial DenseLayer H7 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N6))] public partial BatchNormLayer N7 { get; }
    [Dense(64)] public partial DenseLayer H8 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N7))] public partial BatchNormLayer N8 { get; }
    [Dense(64)] public partial DenseLayer H9 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N8))] public partial BatchNormLayer N9 { get; }
    [Dense(64)] public partial DenseLayer H10 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N9))] public partial BatchNormLayer N10 { get; }
    [Dense(64)] public partial DenseLayer H11 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N10))] public partial BatchNormLayer N11 { get; }
    [Dense(64)] public partial DenseLayer H12 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N11))] public partial BatchNormLayer N12 { get; }
    [Dense(64)] public partial DenseLayer H13 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N12))] public partial BatchNormLayer N13 { get; }
    [Dense(64)] public partial DenseLayer H14 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N13))] public partial BatchNormLayer N14 { get; }
    [Dense(64)] public partial DenseLayer H15 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N14))] public partial BatchNormLayer N15 { get; }
    [Dense(64)] public partial DenseLayer H16 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N15))] public partial BatchNormLayer N16 { get; }
    [Dense(64)] public partial DenseLayer H17 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N16))] public partial BatchNormLayer N17 { get; }
    [Dense(64)] public partial DenseLayer H18 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N17))] public partial BatchNormLayer N18 { get; }
    [Dense(64)] public partial DenseLayer H19 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N18))] public partial BatchNormLayer N19 { get; }
    [Dense(64)] public partial DenseLayer H20 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N19))] public partial BatchNormLayer N20 { get; }
    [Dense(64)] public partial DenseLayer H21 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N20))] public partial BatchNormLayer N21 { get; }
    [Dense(64)] public partial DenseLayer H22 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N21))] public partial BatchNormLayer N22 { get; }
    [Dense(64)] public partial DenseLayer H23 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N22))] public partial BatchNormLayer N23 { get; }
    [Dense(64)] public partial DenseLayer H24 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N23))] public partial BatchNormLayer N24 { get; }
    [Dense(64)] public partial DenseLayer H25 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N24))] public partial BatchNormLayer N25 { get; }
    [Dense(64)] public partial DenseLayer H26 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N25))] public partial BatchNormLayer N26 { get; }
    [Dense(64)] public partial DenseLayer H27 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N26))] public partial BatchNormLayer N27 { get; }
    [Dense(64)] public partial DenseLayer H28 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N27))] public partial BatchNormLayer N28 { get; }
    [Dense(64)] public partial DenseLayer H29 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N28))] public partial BatchNormLayer N29 { get; }
    [Dense(64)] public partial DenseLayer H30 { get; }
    [BatchNorm(Activation.Relu, Residual = nameof(N29))] public partial BatchNormLayer N30 { get; }
    [Dense(10, Activation.Softmax)] public partial DenseLayer Classes { get; }
}
