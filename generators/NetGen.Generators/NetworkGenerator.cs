using Microsoft.CodeAnalysis;
using NetGen.Model;

namespace NetGen.Generators;

/// <summary>
/// Implements every [Network] class: syntax → <see cref="NetworkSpec"/> (an equatable model) → source.
/// Invalid definitions get throwing layer properties only; the analyzer reports why.
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

        // An invalid network gets only its layer properties, each throwing, so that the compiler's errors
        // do not bury the analyzer's NG1xxx explanation (the command-line compiler runs no analyzer when
        // the compilation already has errors, such as partial properties without an implementation).
        IncrementalValuesProvider<NetworkSpec> invalid = networks
            .Where(static spec => spec.HasErrors && spec.CanHoldStubs)
            .WithTrackingName(TrackingNames.InvalidNetworks);
        context.RegisterSourceOutput(invalid, static (output, spec) =>
            output.AddSource(spec.HintName, EmitStubs(spec, output.CancellationToken)));
    }
}
