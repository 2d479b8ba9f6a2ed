namespace NetGen;

/// <summary>How well a network fits a data set.</summary>
/// <param name="Loss">Mean loss per sample, the network's own loss as its <see cref="INetwork.Backward"/> computes it.</param>
/// <param name="Accuracy">
/// Fraction of outputs classified right: for a network with one output, whether output and target fall on the
/// same side of 0.5; with several, whether the largest output is at the target's largest value (argmax). A
/// network that returns a sequence is scored per step. Meaningful for classification targets only.
/// </param>
public sealed record Evaluation(double Loss, double Accuracy);
