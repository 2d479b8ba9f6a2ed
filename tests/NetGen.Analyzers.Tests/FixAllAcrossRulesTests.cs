using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Fix all for every rule <see cref="NetworkCodeFixProvider"/> fixes, as <c>dotnet format analyzers --diagnostics
/// NG0001 NG0003 NG0007</c> asks for it: one diagnostic ID at a time, with the equivalence key of the first fix of
/// the first diagnostic it found (often another ID's). BatchFixer returned no action then for every ID but one.
/// </summary>
public sealed class FixAllAcrossRulesTests
{
    /// <summary>NG0001 (a deep sigmoid stack), NG0003 (ReLU with LeCun init) and NG0007 (sigmoid output, MSE), in that order.</summary>
    private const string ThreeRules = """
        using NetGen;

        [Network]
        public partial class DeepNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
            [Dense(2)] public partial DenseLayer Out { get; }
        }

        [Network]
        public partial class ShrinkingNet
        {
            [Input(64)] public partial InputLayer In { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden1 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden2 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden3 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden4 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden5 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden6 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden7 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden8 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden9 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden10 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden11 { get; }
            [Dense(64, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden12 { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }

        [Network(Loss = Loss.MeanSquaredError)]
        public partial class Probability
        {
            [Input(4)] public partial InputLayer In { get; }
            [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task EveryRuleIsFixedWhenDotnetFormatAsksWithTheFirstDiagnosticsKey()
    {
        (Solution solution, DocumentId id) = CreateSolution(ThreeRules);
        ImmutableArray<Diagnostic> before = await AnalyzeAsync(solution, id);
        string[] ids = before.Select(d => d.Id).Distinct().Order().ToArray();
        Assert.Equal(["NG0001", "NG0003", "NG0007"], ids);

        var provider = new NetworkCodeFixProvider();
        int askedWithAnotherIdsKey = 0;
        // Last ID first, as dotnet format's (hash set) order may have it: while NG0001's diagnostic, the first in the
        // file, is there, NG0007 and NG0003 are asked for with NG0001's key.
        foreach (string diagnosticId in ids.Reverse())
        {
            // dotnet format: the key of the first fix registered for the first diagnostic of the whole run,
            // the diagnostics of every requested ID, and this one ID to fix.
            ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(solution, id);
            string? key = await FirstKeyAsync(provider, solution.GetDocument(id)!, diagnostics.First());
            Assert.NotNull(key);
            if (!key.StartsWith(diagnosticId + ".", System.StringComparison.Ordinal)) askedWithAnotherIdsKey++;
            var context = new FixAllContext(solution.GetDocument(id)!, provider, FixAllScope.Solution, key!, [diagnosticId],
                new Provider(diagnostics), CancellationToken.None);
            CodeAction? action = await provider.GetFixAllProvider().GetFixAsync(context);
            Assert.True(action is not null, $"No Fix All action for {diagnosticId} (asked with key {key})");
            ApplyChangesOperation apply = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
            solution = apply.ChangedSolution;
            Assert.DoesNotContain(await AnalyzeAsync(solution, id), d => d.Id == diagnosticId);
        }

        Assert.Equal(2, askedWithAnotherIdsKey);   // the case BatchFixer could not serve
        string text = (await solution.GetDocument(id)!.GetTextAsync()).ToString();
        Assert.Empty(await AnalyzeAsync(solution, id));
        Assert.Contains("[Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1", text);
        Assert.Contains("[Dense(64, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden12", text);
        Assert.Contains("[Network(Loss = Loss.BinaryCrossEntropy)]", text);
    }

    [Fact]
    public async Task AllIdsAtOnceWithoutAKeyApplyEachDefaultFix()
    {
        (Solution solution, DocumentId id) = CreateSolution(ThreeRules);
        var provider = new NetworkCodeFixProvider();
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(solution, id);
        var context = new FixAllContext(solution.GetDocument(id)!, provider, FixAllScope.Document, null!, provider.FixableDiagnosticIds,
            new Provider(diagnostics), CancellationToken.None);
        CodeAction? action = await provider.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);
        Solution fixedSolution = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.Empty(await AnalyzeAsync(fixedSolution, id));
    }

    [Fact]
    public async Task AChosenKeyFixesOnlyItsRuleWithThatFix()
    {
        // The IDE's "Fix all" on "Add residual connections": NG0001 gets residuals, NG0003 and NG0007 stay.
        (Solution solution, DocumentId id) = CreateSolution(ThreeRules);
        var provider = new NetworkCodeFixProvider();
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(solution, id);
        var context = new FixAllContext(solution.GetDocument(id)!, provider, FixAllScope.Document, NetworkCodeFixProvider.ResidualEquivalenceKey,
            provider.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
        CodeAction? action = await provider.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);
        Solution fixedSolution = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        string text = (await fixedSolution.GetDocument(id)!.GetTextAsync()).ToString();
        Assert.Contains("Residual = nameof(", text);
        Assert.Equal(["NG0003", "NG0007"], (await AnalyzeAsync(fixedSolution, id)).Select(d => d.Id).Distinct().Order().ToArray());
    }

    private static async Task<string?> FirstKeyAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.FirstOrDefault()?.EquivalenceKey;
    }

    private static (Solution Solution, DocumentId Document) CreateSolution(string source)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Networks", "Networks", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                parseOptions: new CSharpParseOptions(Verifier.LanguageVersion),
                metadataReferences: OfflineReferences.All));
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        return (solution.AddDocument(documentId, "Networks.cs", source, filePath: "/src/Networks.cs"), documentId);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Solution solution, DocumentId id)
    {
        Compilation compilation = (await solution.GetDocument(id)!.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The diagnostics dotnet format found, by document and project (its SolutionCodeFixApplier's provider).</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree?.FilePath);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
