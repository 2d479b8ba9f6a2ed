using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace NetGen.CodeFixes;

/// <summary>
/// Fix all occurrences for <see cref="NetworkCodeFixProvider"/>, for every diagnostic ID it fixes.
/// <para>
/// Which fix each diagnostic gets: when the equivalence key asked for is one of the IDs being fixed ("NG0001.Residual"
/// while fixing NG0001: the IDE's "Fix all" on a chosen fix), only that ID's diagnostics are fixed, and only with that
/// fix (one that a diagnostic does not offer, such as residual connections where no plan exists, leaves it alone).
/// Otherwise (no key, or another ID's: <c>dotnet format analyzers</c> passes the key of the first fix of the first
/// diagnostic it found, whatever its ID) every diagnostic of the IDs asked for gets its default fix, the first one
/// <see cref="NetworkCodeFixProvider.FixesFor"/> lists (NG0001: ReLU with He initialisation).
/// </para>
/// All fixes are applied to one solution in one pass; see <see cref="NetworkCodeFixProvider.ApplyAsync"/>.
/// </summary>
internal sealed class NetworkFixAllProvider : FixAllProvider
{
    public static readonly NetworkFixAllProvider Instance = new();

    private NetworkFixAllProvider()
    {
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        ImmutableArray<Diagnostic> diagnostics = await DiagnosticsInScopeAsync(fixAllContext).ConfigureAwait(false);
        string? key = fixAllContext.CodeActionEquivalenceKey;
        int dot = key?.IndexOf('.') ?? -1;
        string? keyId = dot > 0 ? key!.Substring(0, dot) : null;
        bool chosen = keyId is not null && fixAllContext.DiagnosticIds.Contains(keyId);

        var fixes = new List<(Diagnostic Diagnostic, NetworkCodeFixProvider.Fix Fix)>();
        foreach (Diagnostic diagnostic in diagnostics.Where(d => fixAllContext.DiagnosticIds.Contains(d.Id)).Distinct())
        {
            if (chosen && diagnostic.Id != keyId) continue;
            NetworkCodeFixProvider.Fix? fix = chosen
                ? NetworkCodeFixProvider.FixesFor(diagnostic).FirstOrDefault(f => f.EquivalenceKey == key)
                : NetworkCodeFixProvider.FixesFor(diagnostic).FirstOrDefault();
            if (fix is not null) fixes.Add((diagnostic, fix));
        }
        if (fixes.Count == 0) return null;

        string[] titles = fixes.Select(f => f.Fix.Title).Distinct(StringComparer.Ordinal).ToArray();
        string title = titles.Length == 1 ? titles[0] : "Fix " + string.Join(", ", fixes.Select(f => f.Diagnostic.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        Solution solution = fixAllContext.Solution;
        return CodeAction.Create(title, cancellationToken => NetworkCodeFixProvider.ApplyAsync(solution, fixes, cancellationToken), key ?? title);
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsInScopeAsync(FixAllContext context)
    {
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                return await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false);
            case FixAllScope.Project:
                return await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false);
            case FixAllScope.Solution:
                var all = ImmutableArray.CreateBuilder<Diagnostic>();
                foreach (Project project in context.Solution.Projects)
                    all.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                return all.ToImmutable();
            default:
                return ImmutableArray<Diagnostic>.Empty;
        }
    }
}
