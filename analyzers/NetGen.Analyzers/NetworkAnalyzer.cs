using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.Model;

namespace NetGen.Analyzers;

/// <summary>
/// Reports invalid network definitions (NG1xxx) and, for valid ones, the gradient-flow risks predicted
/// by mean-field theory (NG0001–NG0007). Parses with the generator's own parser.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? networkAttribute = start.Compilation.GetTypeByMetadataName(NetworkParser.NetworkAttributeName);
            if (networkAttribute is null) return;
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, networkAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol networkAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, networkAttribute));
        if (attribute is null) return;

        NetworkSpec spec = NetworkParser.Parse(type, attribute, context.CancellationToken);
        foreach (SpecDiagnostic diagnostic in spec.Diagnostics)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ForId(diagnostic.Id),
                ToLocation(diagnostic.Location, context.Compilation) ?? type.Locations.FirstOrDefault(),
                diagnostic.MessageArguments.Cast<object>().ToArray()));
        }
        if (spec.HasErrors) return;
        if (spec.Weights is not null) ReportWeights(spec, attribute, context);

        SyntaxTree? tree = attribute.ApplicationSyntaxReference?.SyntaxTree;
        Thresholds thresholds = tree is null ? Thresholds.Default : Thresholds.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree));
        GradientFlowPrediction prediction = GradientFlowEstimator.Estimate(spec, context.CancellationToken);
        foreach (GradientFlowFinding finding in GradientFlowRules.Evaluate(spec, prediction, thresholds, context.CancellationToken))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Location[] locations = finding.Layers
                .Select(index => LayerArgumentLocation(type, spec.Layers[index], finding.ArgumentName, attribute, finding.Id, context))
                .Where(location => location is not null)
                .Select(location => location!)
                .ToArray();
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ForId(finding.Id),
                locations.FirstOrDefault() ?? type.Locations.FirstOrDefault(),
                locations.Skip(1),
                finding.Properties?.ToImmutableDictionary(),
                finding.MessageArguments));
        }
    }

    /// <summary>
    /// NG1005 and NG1026–NG1029 for <c>[Network(Weights)]</c>, at its argument: the generator's own check
    /// (<see cref="WeightsBinder"/>) of the additional file it would compile in. Only the matching file is read.
    /// </summary>
    private static void ReportWeights(NetworkSpec spec, AttributeData attribute, SymbolAnalysisContext context)
    {
        WeightsFile[] candidates = context.Options.AdditionalFiles
            .Where(file => WeightsFile.Matches(file.Path, spec.Weights!))
            .Select(file => WeightsFile.Read(file.Path))
            .ToArray();
        Location? where = AttributeSyntaxLookup.ArgumentOrAttribute(attribute, -1, "Weights", context.CancellationToken);
        foreach (SpecDiagnostic diagnostic in WeightsBinder.Bind(spec, candidates, embed: false, context.CancellationToken).Diagnostics)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForId(diagnostic.Id), where, diagnostic.MessageArguments.Cast<object>().ToArray()));
    }

    /// <summary>
    /// Where a finding about a layer is shown: the named argument of its attribute when written (the
    /// activation, Init, Residual or a gated kind's memory bias), else the whole attribute; NG0007 goes on [Network]'s Loss.
    /// The layer's attribute is the one the registry (<see cref="LayerKinds"/>) maps to the layer's kind.
    /// </summary>
    private static Location? LayerArgumentLocation(INamedTypeSymbol type, LayerSpec layer, string argumentName, AttributeData networkAttribute, string id, SymbolAnalysisContext context)
    {
        if (id == DiagnosticDescriptors.SaturatingOutputWithMse.Id)
            return AttributeSyntaxLookup.ArgumentOrAttribute(networkAttribute, -1, "Loss", context.CancellationToken);
        IPropertySymbol? property = type.GetMembers(layer.PropertyName).OfType<IPropertySymbol>().FirstOrDefault();
        AttributeData? layerAttribute = property?.GetAttributes().FirstOrDefault(a => LayerKinds.ByAttribute(a.AttributeClass?.ToDisplayString())?.Kind == layer.Kind);
        if (layerAttribute is null) return null;
        return argumentName == "attribute"
            ? layerAttribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            : AttributeSyntaxLookup.ArgumentOrAttribute(layerAttribute, argumentName == "activation" ? layer.Descriptor.ActivationArgument : -1, argumentName, context.CancellationToken);
    }

    private static Location? ToLocation(SourceLocation? location, Compilation compilation)
    {
        if (location is null) return null;
        SyntaxTree? tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.FilePath);
        return tree is null
            ? Location.Create(location.FilePath, new TextSpan(location.Start, location.Length),
                new LinePositionSpan(new LinePosition(location.StartLine, location.StartCharacter), new LinePosition(location.EndLine, location.EndCharacter)))
            : Location.Create(tree, new TextSpan(location.Start, location.Length));
    }
}
