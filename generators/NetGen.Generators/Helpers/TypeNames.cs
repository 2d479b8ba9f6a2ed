namespace NetGen.Generators.Helpers;

/// <summary>The fully qualified type names generated code uses, written once (as System.Text.Json's emitter keeps its type references).</summary>
internal static class TypeNames
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string TensorPrimitives = "global::System.Numerics.Tensors.TensorPrimitives";
    public const string Numerics = "global::NetGen.Numerics";
    public const string ActivationKernels = "global::NetGen.Activations.ActivationKernels";
    public const string NetworkArguments = "global::NetGen.NetworkArguments";
    public const string CompiledWeights = "global::NetGen.CompiledWeights";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
}
