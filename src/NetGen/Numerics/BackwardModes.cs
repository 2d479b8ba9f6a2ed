namespace NetGen.Numerics;

/// <summary>
/// What a backward pass does with the gradients it computes, as a type argument: generated code and the kernels
/// branch on these constants, so each mode compiles to its own straight code instead of testing flags in every loop.
/// </summary>
public interface IBackwardMode
{
    /// <summary>Adds to the gradients already there (<c>Backward</c>); otherwise overwrites them (<c>TrainStep</c>).</summary>
    static abstract bool Accumulates { get; }

    /// <summary>Also applies W += update·∇W to each layer once its gradient is final (plain SGD fused into the sweep).</summary>
    static abstract bool Updates { get; }
}

/// <summary>The backward modes of generated code.</summary>
public static class BackwardModes
{
    /// <summary><c>Backward</c>: gradients are added to.</summary>
    public readonly struct Accumulate : IBackwardMode
    {
        /// <inheritdoc/>
        public static bool Accumulates => true;
        /// <inheritdoc/>
        public static bool Updates => false;
    }

    /// <summary><c>TrainStep</c> with an optimizer that steps afterwards: gradients are written, not added to.</summary>
    public readonly struct Overwrite : IBackwardMode
    {
        /// <inheritdoc/>
        public static bool Accumulates => false;
        /// <inheritdoc/>
        public static bool Updates => false;
    }

    /// <summary><c>TrainStep</c> with plain SGD: gradients are written and applied in the same sweep.</summary>
    public readonly struct OverwriteAndUpdate : IBackwardMode
    {
        /// <inheritdoc/>
        public static bool Accumulates => false;
        /// <inheritdoc/>
        public static bool Updates => true;
    }
}
