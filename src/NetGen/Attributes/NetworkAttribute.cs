using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial class</c> as a network. Its layers are the <c>partial</c> properties that carry
/// a layer attribute, in declaration order; the source generator implements them and adds the
/// forward, backward and training code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The training loss (default <see cref="NetGen.Loss.MeanSquaredError"/>).</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>Seed of the initial weights: they are a pure function of the seed and the definition.</summary>
    public int Seed { get; set; }

    /// <summary>Recurrent networks: the expected number of time steps (used by the analyzer and to size workspace).</summary>
    public int SequenceLength { get; set; }

    /// <summary>
    /// A safetensors file (an <c>AdditionalFiles</c> item of the project, named by its path's last segments, e.g.
    /// <c>"model.safetensors"</c>) whose tensors are checked against the network at build time and compiled into the
    /// assembly: the parameterless constructor then starts from them instead of from <see cref="Seed"/>. See
    /// docs/compiled-weights.md.
    /// </summary>
    public string? Weights { get; set; }
}
