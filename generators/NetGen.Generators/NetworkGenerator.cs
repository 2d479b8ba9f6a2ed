using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Model;

namespace NetGen.Generators;

/// <summary>
/// Implements every [Network] class: syntax → <see cref="NetworkSpec"/> (an equatable model) → source.
/// Invalid definitions get throwing stubs of the public members only; the analyzer reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkSpec> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken).WithoutLocations())
            .WithTrackingName(TrackingNames.NetworkSpecs);

        IncrementalValuesProvider<NetworkSpec> valid = networks
            .Where(static spec => !spec.HasErrors)
            .WithTrackingName(TrackingNames.ValidNetworks);

        // Weights files ([Network(Weights)]) are read once each, and compared by content: editing one rebuilds only
        // the networks that name it; a network without weights combines with them but its build stays unchanged.
        IncrementalValueProvider<ImmutableArray<WeightsFile>> weightsFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(WeightsFile.Extension, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, _) => WeightsFile.Read(text.Path))
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        IncrementalValuesProvider<NetworkBuild> builds = valid
            .Combine(weightsFiles)
            .Select(static (pair, cancellationToken) => NetworkBuild.Of(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.NetworkBuilds);
        context.RegisterSourceOutput(builds, static (output, build) =>
        {
            if (build.Weights is null)
            {
                output.AddSource(build.Spec.HintName, build.Spec.HasErrors ? EmitStubs(build.Spec, output.CancellationToken) : Emit(build.Spec, output.CancellationToken));
                return;
            }
            output.AddSource(build.Spec.HintName, Emit(build.Spec, output.CancellationToken));
            output.AddSource(build.WeightsHintName, EmitCompiledWeights(build.Spec, build.Weights, output.CancellationToken));
        });

        // An invalid network gets throwing stubs of every public member, so that the compiler's errors (partial
        // properties without an implementation, CS0117/CS1061 in code using the network) do not come before or
        // bury the analyzer's NG1xxx explanation.
        IncrementalValuesProvider<NetworkSpec> invalid = networks
            .Where(static spec => spec.HasErrors && spec.CanHoldStubs)
            .WithTrackingName(TrackingNames.InvalidNetworks);
        context.RegisterSourceOutput(invalid, static (output, spec) =>
            output.AddSource(spec.HintName, EmitStubs(spec, output.CancellationToken)));
    }
}
