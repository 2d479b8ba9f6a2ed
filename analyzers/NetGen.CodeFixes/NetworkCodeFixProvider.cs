using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using NetGen.Analyzers;

namespace NetGen.CodeFixes;

/// <summary>
/// One-click fixes for the gradient-flow warnings: NG0001 → ReLU with He init, or residual connections
/// every two layers; NG0003 → the init that suits each activation; NG0004 → an LSTM instead of a simple
/// recurrent layer; NG0006 → a memory-gate bias (the LSTM's ForgetBias, the GRU's UpdateBias) long enough for the
/// sequence; NG0007 → binary cross-entropy.
/// The analyzer computes each plan and passes it in the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NetworkCodeFixProvider)), Shared]
public sealed class NetworkCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        DiagnosticDescriptors.VanishingGradient.Id, DiagnosticDescriptors.InitMismatch.Id, DiagnosticDescriptors.RecurrentVanishing.Id,
        DiagnosticDescriptors.ShortGatedMemory.Id, DiagnosticDescriptors.SaturatingOutputWithMse.Id);

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
            else if (id == DiagnosticDescriptors.RecurrentVanishing.Id)
                Register(context, diagnostic, "Use an LSTM layer", "NG0004.Lstm", SwitchToLstm);
            else if (id == DiagnosticDescriptors.ShortGatedMemory.Id)
                Register(context, diagnostic, MemoryBiasTitle(diagnostic), MemoryBiasEquivalenceKey, SetMemoryBias);
        }
        return Task.CompletedTask;
    }

    private delegate AttributeSyntax AttributeEdit(AttributeSyntax attribute, Diagnostic diagnostic);

    /// <summary>Registers a fix that edits the attribute at each location of the diagnostic.</summary>
    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey, AttributeEdit edit)
        => Register(context, diagnostic, title, equivalenceKey, static attribute => attribute,
            node => edit((AttributeSyntax)node, diagnostic));

    /// <summary>Registers a fix that rewrites the property declaration carrying the attribute at each location.</summary>
    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey,
        Func<PropertyDeclarationSyntax, PropertyDeclarationSyntax> edit)
        => Register(context, diagnostic, title, equivalenceKey, static attribute => attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>(),
            node => edit((PropertyDeclarationSyntax)node));

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey,
        Func<AttributeSyntax, SyntaxNode?> target, Func<SyntaxNode, SyntaxNode> edit)
        => context.RegisterCodeFix(
            CodeAction.Create(title, cancellationToken => ApplyAsync(context.Document.Project.Solution, diagnostic, target, edit, cancellationToken), equivalenceKey),
            diagnostic);

    /// <summary>
    /// Applies <paramref name="edit"/> to the node <paramref name="target"/> picks from the attribute at every location
    /// of the diagnostic, in every file: a network's partial declarations may spread its layers over several documents.
    /// </summary>
    private static async Task<Solution> ApplyAsync(Solution solution, Diagnostic diagnostic, Func<AttributeSyntax, SyntaxNode?> target,
        Func<SyntaxNode, SyntaxNode> edit, CancellationToken cancellationToken)
    {
        foreach (IGrouping<SyntaxTree?, Location> file in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations).GroupBy(location => location.SourceTree))
        {
            Document? document = file.Key is null ? null : solution.GetDocument(file.Key);
            if (document is null || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root) continue;
            SyntaxNode[] targets = file
                .Select(location => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>())
                .Select(attribute => attribute is null ? null : target(attribute))
                .Where(node => node is not null)
                .Select(node => node!)
                .Distinct()
                .ToArray();
            SyntaxNode fixedRoot = root.ReplaceNodes(targets, (original, _) => edit(original));
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

    /// <summary>NG0004: [Recurrent(units, activation, ...)] RecurrentLayer → [Lstm(units, ...)] LstmLayer (an LSTM has no activation argument).</summary>
    private static PropertyDeclarationSyntax SwitchToLstm(PropertyDeclarationSyntax property)
    {
        AttributeSyntax? attribute = property.AttributeLists.SelectMany(list => list.Attributes)
            .FirstOrDefault(a => a.Name.ToString() is var name && (name.EndsWith("Recurrent", StringComparison.Ordinal) || name.EndsWith("RecurrentAttribute", StringComparison.Ordinal)));
        if (attribute is null) return property;
        AttributeSyntax lstm = attribute.WithName(SyntaxFactory.ParseName(attribute.Name.ToString().Replace("Recurrent", "Lstm")).WithTriviaFrom(attribute.Name));
        if (PositionalArgument(lstm, 1, "activation") is { } activation)
            lstm = lstm.WithArgumentList(lstm.ArgumentList!.WithArguments(lstm.ArgumentList.Arguments.Remove(activation)));
        PropertyDeclarationSyntax edited = property.ReplaceNode(attribute, lstm);
        string type = edited.Type.ToString();
        return type.EndsWith("RecurrentLayer", StringComparison.Ordinal)
            ? edited.WithType(SyntaxFactory.ParseTypeName(type.Substring(0, type.Length - "RecurrentLayer".Length) + "LstmLayer").WithTriviaFrom(edited.Type))
            : edited;
    }

    /// <summary>
    /// NG0006's one equivalence key for every gated kind, so that Fix all sets an LSTM's ForgetBias and a GRU's UpdateBias
    /// in the same pass (each from its own diagnostic's plan).
    /// </summary>
    private const string MemoryBiasEquivalenceKey = "NG0006.MemoryBias";

    /// <summary>"Set the memory-gate bias (ForgetBias)": the property comes from the diagnostic's plan.</summary>
    private static string MemoryBiasTitle(Diagnostic diagnostic)
        => FixProperties.MemoryBiasPropertyIn(diagnostic.Properties) is { } biasProperty
            ? "Set the memory-gate bias (" + biasProperty + ")"
            : "Set the memory-gate bias";

    /// <summary>NG0006: <c>{MemoryBiasProperty} = {b}f</c>, the property and the bias named by the diagnostic's plan for this layer.</summary>
    private static AttributeSyntax SetMemoryBias(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        string? property = attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.Identifier.ValueText;
        if (property is null || !FixProperties.TryGetMemoryBias(diagnostic.Properties, property, out string biasProperty, out string bias))
            return attribute;
        return AttributeEditing.SetNamedArgument(attribute, biasProperty, SyntaxFactory.ParseExpression(bias + "f"));
    }

    private static AttributeArgumentSyntax? PositionalArgument(AttributeSyntax attribute, int position, string name)
        => attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select((argument, index) => (argument, index))
            .FirstOrDefault(pair => pair.argument.NameColon is { } colon ? colon.Name.Identifier.ValueText == name : pair.index == position).argument;
}
