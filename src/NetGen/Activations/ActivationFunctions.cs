using System;

namespace NetGen.Activations;

/// <summary>
/// Element-wise activations chosen at run time by their <see cref="Activation"/> value, for runtime code (such as
/// <see cref="Autoencoder"/>) that works on layers described by <see cref="LayerInfo"/> rather than generated.
/// </summary>
internal static class ActivationFunctions
{
    /// <summary>y = φ(x).</summary>
    public static void Apply(Activation activation, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (activation)
        {
            case Activation.Linear: x.CopyTo(y); break;
            case Activation.Sigmoid: ActivationKernels.Apply<Sigmoid>(x, y); break;
            case Activation.Tanh: ActivationKernels.Apply<Tanh>(x, y); break;
            case Activation.Relu: ActivationKernels.Apply<Relu>(x, y); break;
            case Activation.LeakyRelu: ActivationKernels.Apply<LeakyRelu>(x, y); break;
            case Activation.Elu: ApplyScalar<Elu>(x, y); break;
            case Activation.Gelu: ApplyScalar<Gelu>(x, y); break;
            case Activation.Softplus: ApplyScalar<Softplus>(x, y); break;
            default: throw Unsupported(activation);
        }
    }

    /// <summary>gradient ⊙= φ′(x), given y = φ(x).</summary>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient)
    {
        switch (activation)
        {
            case Activation.Linear: break;
            case Activation.Sigmoid: ActivationKernels.MultiplyByDerivative<Sigmoid>(x, y, gradient); break;
            case Activation.Tanh: ActivationKernels.MultiplyByDerivative<Tanh>(x, y, gradient); break;
            case Activation.Relu: ActivationKernels.MultiplyByDerivative<Relu>(x, y, gradient); break;
            case Activation.LeakyRelu: ActivationKernels.MultiplyByDerivative<LeakyRelu>(x, y, gradient); break;
            case Activation.Elu: MultiplyByDerivativeScalar<Elu>(x, y, gradient); break;
            case Activation.Gelu: MultiplyByDerivativeScalar<Gelu>(x, y, gradient); break;
            case Activation.Softplus: MultiplyByDerivativeScalar<Softplus>(x, y, gradient); break;
            default: throw Unsupported(activation);
        }
    }

    /// <summary>True for the activations <see cref="Apply"/> handles: every one but <see cref="Activation.Softmax"/>.</summary>
    public static bool IsElementwise(Activation activation) => Enum.IsDefined(activation) && activation != Activation.Softmax;

    private static void ApplyScalar<TActivation>(ReadOnlySpan<float> x, Span<float> y) where TActivation : IActivation
    {
        for (int i = 0; i < x.Length; i++) y[i] = TActivation.Apply(x[i]);
    }

    private static void MultiplyByDerivativeScalar<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gradient) where TActivation : IActivation
    {
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= TActivation.Derivative(x[i], y[i]);
    }

    private static ArgumentOutOfRangeException Unsupported(Activation activation) =>
        new(nameof(activation), activation, "Expected an element-wise activation (Softmax couples its outputs).");
}
