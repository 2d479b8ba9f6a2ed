namespace NetGen.Model;

/// <summary>
/// One loss: the output activation it requires, whether its gradient is fused with that activation's (p − t lands
/// directly on z), and the runtime call that computes it, read by the parser, both emitters and the estimator.
/// </summary>
/// <param name="Loss">The enum member.</param>
/// <param name="RequiredOutput">The output activation the loss needs, or null for any element-wise one.</param>
/// <param name="Description">What the generated code's comment says it computes.</param>
/// <param name="RuntimeType">The class in NetGen.Losses.</param>
internal sealed record LossInfo(Loss Loss, Activation? RequiredOutput, string Description, string RuntimeType)
{
    /// <summary>The loss and its output activation have one fused gradient: nothing multiplies by φ′ at the output.</summary>
    public bool IsFusedWithOutput => RequiredOutput is not null;

    /// <summary>
    /// The runtime call returning one sample's loss and writing dL/da (dL/dz when fused) into <paramref name="gradient"/>,
    /// from the output's pre-activation <paramref name="z"/>, its output <paramref name="a"/> and the <paramref name="target"/>.
    /// </summary>
    public string Call(string z, string a, string target, string gradient) => Loss switch
    {
        Loss.CrossEntropy => $"global::NetGen.Losses.{RuntimeType}.ComputeFused({z}, {a}, {target}, {gradient})",
        Loss.BinaryCrossEntropy => $"global::NetGen.Losses.{RuntimeType}.ComputeFused({a}, {target}, {gradient})",
        _ => $"global::NetGen.Losses.{RuntimeType}.Compute({a}, {target}, {gradient})",
    };
}

/// <summary>Every loss, indexed by its enum value.</summary>
internal static class LossCatalog
{
    private static readonly LossInfo[] s_all =
    [
        new(Loss.MeanSquaredError, null, "mean squared error; dL/da = 2(a − t)/n", "MeanSquaredError"),
        new(Loss.BinaryCrossEntropy, Activation.Sigmoid, "binary cross-entropy on the sigmoid output; the fused gradient (p − t)/n lands directly on z", "BinaryCrossEntropy"),
        new(Loss.CrossEntropy, Activation.Softmax, "cross-entropy on the softmax output; the fused gradient p − t lands directly on z", "CrossEntropy"),
    ];

    public static LossInfo Of(Loss loss) => s_all[(int)loss];
}
