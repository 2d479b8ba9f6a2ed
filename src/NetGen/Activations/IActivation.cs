namespace NetGen.Activations;

/// <summary>
/// An element-wise activation and its derivative in float (its facts and double-precision math are its row of
/// <c>ActivationCatalog</c>).
/// Generated code calls these static members directly (no virtual call per element).
/// </summary>
public interface IActivation
{
    /// <summary>φ(x).</summary>
    static abstract float Apply(float x);

    /// <summary>φ′(x), given x and y = φ(x) (whichever is cheaper to use).</summary>
    static abstract float Derivative(float x, float y);
}
