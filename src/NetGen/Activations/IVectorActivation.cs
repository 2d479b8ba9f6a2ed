using System.Runtime.Intrinsics;

namespace NetGen.Activations;

/// <summary>An activation that also has 512-, 256- and 128-bit forms, for <see cref="ActivationKernels"/>.</summary>
public interface IVectorActivation : IActivation
{
    /// <summary>φ over 16 lanes.</summary>
    static abstract Vector512<float> Apply(Vector512<float> x);

    /// <summary>φ over 8 lanes.</summary>
    static abstract Vector256<float> Apply(Vector256<float> x);

    /// <summary>φ over 4 lanes.</summary>
    static abstract Vector128<float> Apply(Vector128<float> x);

    /// <summary>φ′ over 16 lanes, given x and y = φ(x).</summary>
    static abstract Vector512<float> Derivative(Vector512<float> x, Vector512<float> y);

    /// <summary>φ′ over 8 lanes, given x and y = φ(x).</summary>
    static abstract Vector256<float> Derivative(Vector256<float> x, Vector256<float> y);

    /// <summary>φ′ over 4 lanes, given x and y = φ(x).</summary>
    static abstract Vector128<float> Derivative(Vector128<float> x, Vector128<float> y);
}
