using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using NetGen.Analyzers;

namespace NetGen.CodeFixes;

/// <summary>
/// One-click fixes for the gradient-flow warnings: NG0001 → ReLU with He init, or residual connections
/// every two layers; NG0003 → the init that suits each activation; NG0007 → binary cross-entropy.
/// The analyzer computes each plan and passes it in the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NetworkCodeFixProvider)), Shared]
public sealed class NetworkCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        DiagnosticDescriptors.VanishingGradient.Id, DiagnosticDescriptors.InitMismatch.Id, DiagnosticDescriptors.SaturatingOutputWithMse.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            string id = diagnostic.Id;
            if (id == DiagnosticDescriptors.VanishingGradient.Id)
            {
                Register(context, diagnostic, "Use ReLU with He initialisation", "NG0001.Relu", SwitchToRelu);
                if (diagnostic.Properties.Keys.Any(key => key.StartsWith("residual:", System.StringComparison.Ordinal)))
                    Register(context, diagnostic, "Add residual connections every two layers", "NG0001.Residual", AddResiduals);
            }
            else if (id == DiagnosticDescriptors.InitMismatch.Id)
                Register(context, diagnostic, "Use the initialisation that suits each activation", "NG0003.Init", SetInits);
            else if (id == DiagnosticDescriptors.SaturatingOutputWithMse.Id)
                Register(context, diagnostic, "Train with Loss.BinaryCrossEntropy", "NG0007.Loss", UseBinaryCrossEntropy);
        }
        return Task.CompletedTask;
    }

    private delegate AttributeSyntax AttributeEdit(AttributeSyntax attribute, Diagnostic diagnostic);

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey, AttributeEdit edit)
        => context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => ApplyAsync(context.Document.Project.Solution, diagnostic, edit, cancellationToken), equivalenceKey),
            diagnostic);

    /// <summary>
    /// Applies <paramref name="edit"/> to the attribute at every location of the diagnostic, in every file:
    /// a network's partial declarations may spread its layers over several documents.
    /// </summary>
    private static async Task<Solution> ApplyAsync(Solution solution, Diagnostic diagnostic, AttributeEdit edit, CancellationToken cancellationToken)
    {
        foreach (IGrouping<SyntaxTree?, Location> file in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations).GroupBy(location => location.SourceTree))
        {
            Document? document = file.Key is null ? null : solution.GetDocument(file.Key);
            if (document is null || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root) continue;
            AttributeSyntax[] attributes = file
                .Select(location => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>())
                .Where(attribute => attribute is not null)
                .Select(attribute => attribute!)
                .Distinct()
                .ToArray();
            SyntaxNode fixedRoot = root.ReplaceNodes(attributes, (original, _) => edit(original, diagnostic));
            Document simplified = await Simplifier.ReduceAsync(document.WithSyntaxRoot(fixedRoot), Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = simplified.Project.Solution;
        }
        return solution;
    }

    private static AttributeSyntax SwitchToRelu(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        AttributeArgumentSyntax? activation = PositionalArgument(attribute, 1, "activation");
        if (activation is null) return attribute;
        string initType = AttributeEditing.SiblingType(activation.Expression, "Activation", "Init");
        AttributeSyntax edited = attribute.ReplaceNode(activation, activation.WithExpression(AttributeEditing.WithMember(activation.Expression, "Relu")));
        return AttributeEditing.SetNamedArgument(edited, "Init", initType, "He");
    }

    private static AttributeSyntax AddResiduals(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        string? property = attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.Identifier.ValueText;
        if (property is null || !diagnostic.Properties.TryGetValue(FixProperties.Residual(property), out string? source) || source is null)
            return attribute;
        return AttributeEditing.SetNamedArgument(attribute, "Residual", Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression("nameof(" + source + ")"));
    }

    private static AttributeSyntax SetInits(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        string? property = attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.Identifier.ValueText;
        if (property is null || !diagnostic.Properties.TryGetValue(FixProperties.Init(property), out string? init) || init is null)
            return attribute;
        string initType = AttributeEditing.SiblingType(PositionalArgument(attribute, 1, "activation")?.Expression, "Activation", "Init");
        return AttributeEditing.SetNamedArgument(attribute, "Init", initType, init);
    }

    private static AttributeSyntax UseBinaryCrossEntropy(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        ExpressionSyntax? written = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Loss")?.Expression;
        string lossType = written is MemberAccessExpressionSyntax access ? access.Expression.ToString() : "global::NetGen.Loss";
        return AttributeEditing.SetNamedArgument(attribute, "Loss", lossType, "BinaryCrossEntropy");
    }

    private static AttributeArgumentSyntax? PositionalArgument(AttributeSyntax attribute, int position, string name)
        => attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select((argument, index) => (argument, index))
            .FirstOrDefault(pair => pair.argument.NameColon is { } colon ? colon.Name.Identifier.ValueText == name : pair.index == position).argument;
}
