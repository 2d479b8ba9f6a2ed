using System;

namespace NetGen.Activations;

/// <summary>y = φ(x) over a span, for one activation chosen at run time.</summary>
internal delegate void ApplyKernel(ReadOnlySpan<float> x, Span<float> y);

/// <summary>gradient ⊙= φ′(x) given y = φ(x), for one activation chosen at run time.</summary>
internal delegate void DerivativeKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient);

/// <summary>An activation's whole-span kernels: the vector driver when its struct has vector forms, else a scalar loop.</summary>
internal sealed class ActivationKernelPair(ApplyKernel apply, DerivativeKernel multiplyByDerivative)
{
    public ApplyKernel Apply { get; } = apply;

    public DerivativeKernel MultiplyByDerivative { get; } = multiplyByDerivative;

    public static ActivationKernelPair Vector<TActivation>() where TActivation : IVectorActivation
        => new(ActivationKernels.Apply<TActivation>, ActivationKernels.MultiplyByDerivative<TActivation>);

    public static ActivationKernelPair Scalar<TActivation>() where TActivation : IActivation
        => new(ApplyScalar<TActivation>, MultiplyByDerivativeScalar<TActivation>);

    private static void ApplyScalar<TActivation>(ReadOnlySpan<float> x, Span<float> y) where TActivation : IActivation
    {
        for (int i = 0; i < x.Length; i++) y[i] = TActivation.Apply(x[i]);
    }

    private static void MultiplyByDerivativeScalar<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient) where TActivation : IActivation
    {
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= TActivation.Derivative(x[i], y[i]);
    }
}

/// <summary>
/// Element-wise activations chosen at run time by their <see cref="Activation"/> value, for runtime code (such as
/// <see cref="Autoencoder"/>) that works on layers described by <see cref="LayerInfo"/> rather than generated.
/// </summary>
internal static class ActivationFunctions
{
    /// <summary>y = φ(x).</summary>
    public static void Apply(Activation activation, ReadOnlySpan<float> x, Span<float> y) => KernelsOf(activation).Apply(x, y);

    /// <summary>gradient ⊙= φ′(x), given y = φ(x).</summary>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient)
        => KernelsOf(activation).MultiplyByDerivative(x, y, gradient);

    /// <summary>True for the activations <see cref="Apply"/> handles: every one but <see cref="Activation.Softmax"/>.</summary>
    public static bool IsElementwise(Activation activation) => ActivationCatalog.IsDefined(activation) && ActivationCatalog.Of(activation).IsElementwise;

    private static ActivationKernelPair KernelsOf(Activation activation)
        => IsElementwise(activation) ? ActivationCatalog.Of(activation).Kernels! : throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected an element-wise activation (Softmax couples its outputs).");
}
