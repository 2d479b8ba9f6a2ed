using System.Linq;

namespace NetGen.Model;

/// <summary>Everything the generator emits and the analyzer judges about one network class.</summary>
/// <param name="Namespace">Containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of enclosing types, outermost first (e.g. "partial class Outer").</param>
/// <param name="TypeKeyword">"class", or "record" (which the parser rejects, but stubs must repeat).</param>
/// <param name="ClassName">The class name with its type parameters (e.g. "XorNet" or "Net&lt;T&gt;").</param>
/// <param name="HintName">A file-name-safe unique name for the generated source.</param>
/// <param name="Loss">The training loss.</param>
/// <param name="Seed">Default seed of the initial weights.</param>
/// <param name="SequenceLength">Expected time steps for recurrent networks (0: not set).</param>
/// <param name="Layers">The layers in declaration order, input first, with their layout.</param>
/// <param name="Diagnostics">Problems found while parsing; errors mean nothing is generated.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    string ClassName,
    string HintName,
    Loss Loss,
    int Seed,
    int SequenceLength,
    EquatableArray<LayerSpec> Layers,
    EquatableArray<SpecDiagnostic> Diagnostics)
{
    /// <summary>
    /// Generated member names the user's class or a base class already declares, "this()" and "this(int)" for its own
    /// constructors, "this(fixed)" where none can be added (a primary constructor, a base class without a parameterless
    /// one): stubs for an invalid network leave these out, so as to add no error.
    /// </summary>
    public EquatableArray<string> DeclaredMembers { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// <c>[Network(Weights)]</c>: the safetensors file (an additional file, named by its path's last segments) whose
    /// tensors are compiled in (<see cref="WeightsBinder"/>); null when the network starts from its seed.
    /// </summary>
    public string? Weights { get; init; }

    /// <summary>A static class (NG1018): it can hold only static stubs.</summary>
    public bool IsStatic { get; init; }

    /// <summary>The class implements some INetwork member explicitly itself: stubs then leave INetwork to it.</summary>
    public bool ImplementsNetworkExplicitly { get; init; }

    public bool HasErrors
    {
        get
        {
            foreach (SpecDiagnostic diagnostic in Diagnostics)
                if (diagnostic.IsError) return true;
            return false;
        }
    }

    /// <summary>
    /// The model as the generator caches it: diagnostics keep their IDs (validity) but lose their positions,
    /// so an edit that only moves the class does not regenerate it.
    /// </summary>
    public NetworkSpec WithoutLocations()
        => Diagnostics.Count == 0 ? this : this with { Diagnostics = new EquatableArray<SpecDiagnostic>(Diagnostics.Select(d => d with { Location = null }).ToArray()) };

    /// <summary>Whether stubs can be emitted for an invalid network: its class and enclosing types are partial.</summary>
    public bool CanHoldStubs
    {
        get
        {
            foreach (SpecDiagnostic diagnostic in Diagnostics)
                if (diagnostic.Id is DiagnosticIds.ClassNotPartial or DiagnosticIds.ContainingTypeNotPartial) return false;
            return true;
        }
    }

    /// <summary>Whether the network has recurrent layers, so that its input is a sequence.</summary>
    public bool IsRecurrent => Layers.Count > 0 && Layers[0].RunsPerStep;

    public LayerSpec Output => Layers[Layers.Count - 1];

    /// <summary>The indices of the layers with parameters, in order (pooling layers and the input have none).</summary>
    public int[] WeightLayers => Layers.Where(layer => layer.Descriptor.HasParameters).Select(layer => layer.Index).ToArray();

    /// <summary>
    /// The weight layers whose δ the gradient flow's G is read from: all of them but those that feed batch normalisation,
    /// which removes any shift of its input, so that their bias gradient in training (where δ is measured) is 0.
    /// </summary>
    public int[] DeltaLayers => WeightLayers.Where(index => index + 1 >= Layers.Count || !Layers[index + 1].Descriptor.UsesBatchStatistics).ToArray();

    public int InputSize => Layers[0].OutputSize;

    public int OutputSize => Output.OutputSize;

    public int ParameterCount => Output.ParameterOffset + Output.ParameterCount;

    /// <summary>Values of every layer's state tensors (batch normalisation's running statistics).</summary>
    public int BufferCount => Output.BufferOffset + Output.BufferCount;

    /// <summary>Every layer's counters.</summary>
    public int CounterCount => Output.CounterOffset + Output.Descriptor.Counters.Length;

    /// <summary>The network gets the packed inference form (a nested <c>Inference</c> class): see <see cref="InferencePlan"/>.</summary>
    public bool HasInferenceForm => InferencePlan.Of(this) is not null;

    /// <summary>Some layer computes differently in training than in evaluation (batch normalisation, dropout).</summary>
    public bool HasTrainingMode => Layers.Any(layer => layer.Descriptor.HasTrainingMode);
}
