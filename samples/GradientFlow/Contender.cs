using NetGen;

/// <summary>One of the compared networks, with what the analyzer predicted for it at compile time.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Description">What distinguishes it, in a few words.</param>
/// <param name="Network">A fresh instance at its seeded initialisation.</param>
/// <param name="Summary">The generated layer table, with the predicted gradient scale of each layer.</param>
/// <param name="PredictedRatio">The generated <c>PredictedGradientRatio</c>, R.</param>
/// <param name="PredictedDeltaGain">The generated <c>PredictedDeltaGain</c>, G.</param>
/// <param name="PredictedScales">The generated <c>PredictedGradientScales</c> of the layers after the input: ‖∇W_l‖ / ‖∇W_last‖.</param>
/// <param name="Color">Its colour in the plot.</param>
public sealed record Contender(string Name, string Description, INetwork Network, string Summary,
    double PredictedRatio, double PredictedDeltaGain, double[] PredictedScales, string Color)
{
    /// <summary>The four declarations of <c>Networks.cs</c>, freshly initialised.</summary>
    public static Contender[] CreateAll() =>
    [
        new(nameof(SigmoidNet), "sigmoid, Glorot init, no skip connections", new SigmoidNet(), SigmoidNet.Summary,
            SigmoidNet.PredictedGradientRatio, SigmoidNet.PredictedDeltaGain, SigmoidNet.PredictedGradientScales[1..].ToArray(), "#d62728"),
        new(nameof(ReluNet), "ReLU, He init, no skip connections", new ReluNet(), ReluNet.Summary,
            ReluNet.PredictedGradientRatio, ReluNet.PredictedDeltaGain, ReluNet.PredictedGradientScales[1..].ToArray(), "#1f77b4"),
        new(nameof(ResidualSigmoidNet), "sigmoid, Glorot init, residual connections", new ResidualSigmoidNet(), ResidualSigmoidNet.Summary,
            ResidualSigmoidNet.PredictedGradientRatio, ResidualSigmoidNet.PredictedDeltaGain, ResidualSigmoidNet.PredictedGradientScales[1..].ToArray(), "#2ca02c"),
        new(nameof(BatchNormSigmoidNet), "sigmoid, Glorot init, batch normalisation before each sigmoid", new BatchNormSigmoidNet(), BatchNormSigmoidNet.Summary,
            BatchNormSigmoidNet.PredictedGradientRatio, BatchNormSigmoidNet.PredictedDeltaGain, BatchNormSigmoidNet.PredictedGradientScales[1..].ToArray(), "#9467bd"),
    ];

    /// <summary>The two deep batch-normalised ReLU stacks of <c>DeepBatchNormNetworks.cs</c>, freshly initialised (not plotted).</summary>
    public static Contender[] CreateDeepBatchNorm() =>
    [
        new(nameof(DeepBatchNormReluNet), "no skip connections", new DeepBatchNormReluNet(), DeepBatchNormReluNet.Summary,
            DeepBatchNormReluNet.PredictedGradientRatio, DeepBatchNormReluNet.PredictedDeltaGain, DeepBatchNormReluNet.PredictedGradientScales[1..].ToArray(), "#8c564b"),
        new(nameof(ResidualBatchNormReluNet), "residual connections", new ResidualBatchNormReluNet(), ResidualBatchNormReluNet.Summary,
            ResidualBatchNormReluNet.PredictedGradientRatio, ResidualBatchNormReluNet.PredictedDeltaGain, ResidualBatchNormReluNet.PredictedGradientScales[1..].ToArray(), "#e377c2"),
    ];
}
