namespace NetGen;

/// <summary>Per-sample losses as PyTorch computes them; a batch takes the mean over samples.</summary>
public enum Loss
{
    /// <summary>Mean over outputs of (y − t)², as <c>F.mse_loss</c>.</summary>
    MeanSquaredError = 0,
    /// <summary>Mean over outputs of −[t·log y + (1 − t)·log(1 − y)] on sigmoid outputs, as <c>F.binary_cross_entropy</c>.</summary>
    BinaryCrossEntropy = 1,
    /// <summary>−Σ t·log p over the classes of a softmax output, with probability or one-hot targets.</summary>
    CrossEntropy = 2,
}
