using Microsoft.CodeAnalysis;
using NetGen.Model;

namespace NetGen.Generators;

/// <summary>
/// Implements every [Network] class: syntax → <see cref="NetworkSpec"/> (an equatable model) → source.
/// Invalid definitions produce nothing; the analyzer reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkSpec> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    NetworkParser.Parse((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0], cancellationToken))
            .WithTrackingName(TrackingNames.NetworkSpecs)
            .Where(static spec => !spec.HasErrors)
            .WithTrackingName(TrackingNames.ValidNetworks);

        context.RegisterSourceOutput(networks, static (output, spec) =>
            output.AddSource(spec.HintName, Emit(spec, output.CancellationToken)));
    }
}
