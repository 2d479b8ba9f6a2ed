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

    /// <summary>
    /// The loss in PyTorch over a batch, as NetGen defines it (per sample, averaged over the steps of a sequence output and
    /// over the samples), from the output layer's pre-activation <c>{0}</c>, its output <c>{1}</c> and the target <c>{2}</c>
    /// of the output's shape. Its autograd gradient is NetGen's, the fused ones included (p·Σt − t, p − t), except where a
    /// clamped log of a saturated sigmoid makes PyTorch's gradient differ from the fused (p − t)/n.
    /// </summary>
    public string PyTorch { get; init; } = "";

    /// <summary>The docstring of the PyTorch twin's loss_fn: the definition in words.</summary>
    public string PyTorchDefinition { get; init; } = "";
}

/// <summary>Every loss, indexed by its enum value.</summary>
internal static class LossCatalog
{
    private static readonly LossInfo[] s_all =
    [
        new(Loss.MeanSquaredError, null, "mean squared error; dL/da = 2(a − t)/n", "MeanSquaredError")
        {
            PyTorch = "F.mse_loss({1}, {2})",
            PyTorchDefinition = "mean over the outputs of (a - t)^2, then over steps and samples: F.mse_loss's mean (not 1/2 of a sum)",
        },
        new(Loss.BinaryCrossEntropy, Activation.Sigmoid, "binary cross-entropy on the sigmoid output; the fused gradient (p − t)/n lands directly on z", "BinaryCrossEntropy")
        {
            PyTorch = "F.binary_cross_entropy({1}, {2})",
            PyTorchDefinition = "mean over the outputs of -[t log p + (1 - t) log(1 - p)], each log clamped at -100, then over steps and samples; "
                + "where p rounds to 0 or 1, PyTorch's gradient through the clamped log differs from NetGen's fused (p - t)/n",
        },
        new(Loss.CrossEntropy, Activation.Softmax, "cross-entropy on the softmax output; the fused gradient p − t lands directly on z", "CrossEntropy")
        {
            // From the logits, as NetGen's CrossEntropy computes it: finite where a probability underflows to 0.
            PyTorch = "-({2} * F.log_softmax({0}, dim=-1)).sum(-1).mean()",
            PyTorchDefinition = "-sum over the classes of t log p (probability or one-hot targets), from the logits by log-softmax, then the mean over steps and samples",
        },
    ];

    public static LossInfo Of(Loss loss) => s_all[(int)loss];
}
