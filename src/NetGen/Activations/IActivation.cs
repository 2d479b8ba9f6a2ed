namespace NetGen.Activations;

/// <summary>
/// An element-wise activation with its derivative and the facts the analyzer reasons about, in one place.
/// Generated code calls these static members directly (no virtual call per element).
/// </summary>
public interface IActivation
{
    /// <summary>φ(x).</summary>
    static abstract float Apply(float x);

    /// <summary>φ′(x), given x and y = φ(x) (whichever is cheaper to use).</summary>
    static abstract float Derivative(float x, float y);

    /// <summary>True when φ′ → 0 for large |x| (sigmoid, tanh): stacks of these lose gradient.</summary>
    static abstract bool IsSaturating { get; }
}
