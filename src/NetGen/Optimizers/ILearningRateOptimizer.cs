namespace NetGen;

/// <summary>
/// An optimizer with a step size that may change between steps: what a <see cref="LearningRateSchedule"/> of
/// <see cref="Trainer"/> sets before each epoch (<see cref="Sgd"/>, <see cref="Adam"/>, <see cref="AdamW"/>; not <see cref="Rprop"/>).
/// </summary>
public interface ILearningRateOptimizer : IOptimizer
{
    /// <summary>The step size of the next steps: finite, at least 0 (a cosine schedule may end at 0).</summary>
    float LearningRate { get; set; }
}
