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
        context.RegisterSourceOutput(valid, static (output, spec) =>
            output.AddSource(spec.HintName, Emit(spec, output.CancellationToken)));

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
