using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using NetGen.Model;

namespace NetGen.Generators;

/// <summary>
/// A valid network as the generator emits it: with its compiled-in weights when <c>[Network(Weights)]</c> names a file
/// that matches, or, when the file does not (NG1005, NG1026–NG1029, which the analyzer reports), with those errors
/// added to its diagnostics, so that only stubs are emitted. Equatable: the weights are strings.
/// </summary>
internal sealed record NetworkBuild(NetworkSpec Spec, EmbeddedWeights? Weights)
{
    /// <summary>The weights' own file beside the network's: "Ns.XorNet.Weights.g.cs".</summary>
    public string WeightsHintName => Spec.HintName.Substring(0, Spec.HintName.Length - ".g.cs".Length) + ".Weights.g.cs";

    public static NetworkBuild Of(NetworkSpec spec, ImmutableArray<WeightsFile> files, CancellationToken cancellationToken)
    {
        if (spec.Weights is not { } weights) return new NetworkBuild(spec, null);
        var candidates = new List<WeightsFile>();
        foreach (WeightsFile file in files)
            if (WeightsFile.Matches(file.Path, weights)) candidates.Add(file);
        WeightsBinding binding = WeightsBinder.Bind(spec, candidates, embed: true, cancellationToken);
        if (binding.Weights is not null) return new NetworkBuild(spec, binding.Weights);
        var diagnostics = new List<SpecDiagnostic>(spec.Diagnostics);
        diagnostics.AddRange(binding.Diagnostics);
        return new NetworkBuild(spec with { Diagnostics = new EquatableArray<SpecDiagnostic>(diagnostics.ToArray()) }, null);
    }
}
