namespace NetGen.Model;

/// <summary>What the generator and analyzer need to know about each activation.</summary>
internal static class ActivationFacts
{
    /// <summary>The ReLU family gets He initialisation under Init.Auto; everything else Glorot.</summary>
    public static bool IsReluFamily(ActivationKind activation)
        => activation is ActivationKind.Relu or ActivationKind.LeakyRelu or ActivationKind.Elu or ActivationKind.Gelu;

    /// <summary>φ′ → 0 for large |x|: the activations whose deep stacks lose gradient.</summary>
    public static bool IsSaturating(ActivationKind activation)
        => activation is ActivationKind.Sigmoid or ActivationKind.Tanh;

    /// <summary>Whether the runtime type implements IVectorActivation (whole layers then go through ActivationKernels).</summary>
    public static bool HasVectorForm(ActivationKind activation)
        => activation is ActivationKind.Linear or ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Relu or ActivationKind.LeakyRelu;

    /// <summary>Init.Auto resolved for a layer with this activation.</summary>
    public static InitKind Resolve(InitKind declared, ActivationKind activation)
        => declared != InitKind.Auto ? declared : IsReluFamily(activation) ? InitKind.He : InitKind.Glorot;
}
