using System;
using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using NetGen.Analyzers;
using NetGen.Model;

namespace NetGen.CodeFixes;

/// <summary>
/// One-click fixes for the gradient-flow warnings: NG0001 → ReLU with He init, residual connections
/// every two layers, or BatchNorm after each hidden layer; NG0002, when batch normalisation without skip connections is its
/// cause → residual connections around the BatchNorm blocks; NG0003 → the init that suits each activation; NG0004 → an LSTM instead of a simple
/// recurrent layer; NG0006 → a memory-gate bias (the LSTM's ForgetBias, the GRU's UpdateBias) long enough for the
/// sequence; NG0007 → binary cross-entropy.
/// The analyzer computes each plan and passes it in the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NetworkCodeFixProvider)), Shared]
public sealed class NetworkCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        DiagnosticDescriptors.VanishingGradient.Id, DiagnosticDescriptors.ExplodingGradient.Id, DiagnosticDescriptors.InitMismatch.Id, DiagnosticDescriptors.RecurrentVanishing.Id,
        DiagnosticDescriptors.ShortGatedMemory.Id, DiagnosticDescriptors.SaturatingOutputWithMse.Id);

    /// <summary>
    /// Fix all with every rule's fixes in one provider (<see cref="NetworkFixAllProvider"/>): BatchFixer keeps only the
    /// fixes whose equivalence key is the one asked for, and <c>dotnet format analyzers</c> asks, for each diagnostic ID,
    /// with the key of the first fix of whichever diagnostic it found first, often another ID's; BatchFixer then returned
    /// nothing for every ID but one ("didn't return a Fix All action").
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => NetworkFixAllProvider.Instance;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
            foreach (Fix fix in FixesFor(diagnostic))
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, cancellationToken => ApplyAsync(context.Document.Project.Solution, [(diagnostic, fix)], cancellationToken), fix.EquivalenceKey),
                    diagnostic);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One fix of one diagnostic: <see cref="Target"/> picks the node to rewrite from the attribute at each of its locations;
    /// <see cref="Inserted"/>, when given, the nodes to insert after it (new layers).
    /// </summary>
    internal sealed record Fix(string Title, string EquivalenceKey, Func<AttributeSyntax, SyntaxNode?> Target, Func<SyntaxNode, SyntaxNode> Edit,
        Func<SyntaxNode, IEnumerable<SyntaxNode>>? Inserted = null);

    /// <summary>The fixes of <paramref name="diagnostic"/>, the default (what a fix-all without a choice applies) first.</summary>
    internal static IEnumerable<Fix> FixesFor(Diagnostic diagnostic)
    {
        string id = diagnostic.Id;
        if (id == DiagnosticDescriptors.VanishingGradient.Id)
        {
            yield return AttributeFix(diagnostic, "Use ReLU with He initialisation", ReluEquivalenceKey, SwitchToRelu);
            if (HasPlan(diagnostic, FixProperties.Residual("")))
                yield return AttributeFix(diagnostic, "Add residual connections every two layers", ResidualEquivalenceKey, AddResiduals);
            if (HasPlan(diagnostic, FixProperties.BatchNorm("")))
                yield return new Fix("Add BatchNorm after each hidden layer", BatchNormEquivalenceKey, static attribute => attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>(),
                    node => LayerWithBatchNorm.MakeLinear((PropertyDeclarationSyntax)node), node => LayerWithBatchNorm.Norm((PropertyDeclarationSyntax)node, diagnostic));
        }
        else if (id == DiagnosticDescriptors.ExplodingGradient.Id && HasPlan(diagnostic, FixProperties.Residual("")))
            yield return AttributeFix(diagnostic, "Add residual connections around the BatchNorm blocks", BatchNormResidualEquivalenceKey, AddResiduals);
        else if (id == DiagnosticDescriptors.InitMismatch.Id)
            yield return AttributeFix(diagnostic, "Use the initialisation that suits each activation", "NG0003.Init", SetInits);
        else if (id == DiagnosticDescriptors.SaturatingOutputWithMse.Id)
            yield return AttributeFix(diagnostic, "Train with Loss.BinaryCrossEntropy", "NG0007.Loss", UseBinaryCrossEntropy);
        else if (id == DiagnosticDescriptors.RecurrentVanishing.Id)
            yield return new Fix("Use an LSTM layer", "NG0004.Lstm", static attribute => attribute.FirstAncestorOrSelf<PropertyDeclarationSyntax>(),
                node => SwitchToLstm((PropertyDeclarationSyntax)node));
        else if (id == DiagnosticDescriptors.ShortGatedMemory.Id)
            yield return AttributeFix(diagnostic, MemoryBiasTitle(diagnostic), MemoryBiasEquivalenceKey, SetMemoryBias);
    }

    /// <summary>NG0001's three fixes: ReLU with He initialisation (the default), residual connections, batch normalisation.</summary>
    public const string ReluEquivalenceKey = "NG0001.Relu", ResidualEquivalenceKey = "NG0001.Residual", BatchNormEquivalenceKey = "NG0001.BatchNorm";

    /// <summary>NG0002's fix, offered only when the analyzer names batch normalisation without skip connections as the cause.</summary>
    public const string BatchNormResidualEquivalenceKey = "NG0002.Residual";

    /// <summary>Whether the analyzer passed a plan whose keys start with <paramref name="prefix"/> (a <see cref="FixProperties"/> key of "").</summary>
    private static bool HasPlan(Diagnostic diagnostic, string prefix)
        => diagnostic.Properties.Keys.Any(key => key.StartsWith(prefix, StringComparison.Ordinal));

    private delegate AttributeSyntax AttributeEdit(AttributeSyntax attribute, Diagnostic diagnostic);

    /// <summary>A fix that edits the attribute at each location of the diagnostic.</summary>
    private static Fix AttributeFix(Diagnostic diagnostic, string title, string equivalenceKey, AttributeEdit edit)
        => new(title, equivalenceKey, static attribute => attribute, node => edit((AttributeSyntax)node, diagnostic));

    /// <summary>
    /// Applies each fix to the nodes its target picks from the attribute at every location of its diagnostic, in every
    /// file (a network's partial declarations may spread its layers over several documents). All nodes are found in
    /// <paramref name="solution"/> as given; each document is then edited once, the innermost nodes first, every edit
    /// seeing the node as the edits before it left it (so two diagnostics may fix the same layer).
    /// </summary>
    internal static async Task<Solution> ApplyAsync(Solution solution, IReadOnlyList<(Diagnostic Diagnostic, Fix Fix)> fixes, CancellationToken cancellationToken)
    {
        var edits = new List<(DocumentId Document, SyntaxNode Node, Fix Fix)>();
        foreach ((Diagnostic diagnostic, Fix fix) in fixes)
            foreach (IGrouping<SyntaxTree?, Location> file in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations).GroupBy(location => location.SourceTree))
            {
                Document? document = file.Key is null ? null : solution.GetDocument(file.Key);
                if (document is null || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root) continue;
                foreach (SyntaxNode node in file
                    .Select(location => root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>())
                    .Select(attribute => attribute is null ? null : fix.Target(attribute))
                    .Where(node => node is not null)
                    .Select(node => node!)
                    .Distinct())
                    edits.Add((document.Id, node, fix));
            }

        foreach (IGrouping<DocumentId, (DocumentId Document, SyntaxNode Node, Fix Fix)> file in edits.GroupBy(edit => edit.Document))
        {
            Document document = solution.GetDocument(file.Key)!;
            DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            foreach ((_, SyntaxNode node, Fix fix) in file.OrderBy(edit => edit.Node.Span.Length))
            {
                if (fix.Inserted is not null) editor.InsertAfter(node, fix.Inserted(node));
                editor.ReplaceNode(node, (current, _) => fix.Edit(current));
            }
            Document simplified = await Simplifier.ReduceAsync(editor.GetChangedDocument(), Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = simplified.Project.Solution;
        }
        return solution;
    }

    private static AttributeSyntax SwitchToRelu(AttributeSyntax attribute, Diagnostic diagnostic)
    {
        AttributeArgumentSyntax? activation = ActivationArgument(attribute);
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
        string initType = AttributeEditing.SiblingType(ActivationArgument(attribute)?.Expression, "Activation", "Init");
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

    /// <summary>
    /// The activation argument of a layer attribute, where its kind has it (<see cref="LayerKindDescriptor.ActivationArgument"/>:
    /// second for [Dense(units, activation)], third for [Conv2D(filters, kernelSize, activation)]); the kind is known by the
    /// attribute's name, as written.
    /// </summary>
    internal static AttributeArgumentSyntax? ActivationArgument(AttributeSyntax attribute)
    {
        string? name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        LayerKindDescriptor? kind = LayerKinds.All.FirstOrDefault(kind => name == kind.AttributeName || name == kind.AttributeName + "Attribute");
        return PositionalArgument(attribute, kind?.ActivationArgument ?? 1, "activation");
    }

    internal static AttributeArgumentSyntax? PositionalArgument(AttributeSyntax attribute, int position, string name)
        => attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select((argument, index) => (argument, index))
            .FirstOrDefault(pair => pair.argument.NameColon is { } colon ? colon.Name.Identifier.ValueText == name : pair.index == position).argument;
}
