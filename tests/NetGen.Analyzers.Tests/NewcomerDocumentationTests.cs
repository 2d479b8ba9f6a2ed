using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// The documentation a newcomer meets: self-contained (nothing outside the repository), the help links' one address,
/// the editors page (csharp-ls, dotnet format), and the examples' visible output.
/// </summary>
public sealed class NewcomerDocumentationTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static IEnumerable<(string File, string Text)> DocumentationFiles()
        => new[] { Path.Combine(RepoRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories))
            .Select(path => (Path.GetRelativePath(RepoRoot, path).Replace('\\', '/'), File.ReadAllText(path)));

    [Fact]
    public void TheDocumentationPointsAtNothingOutsideTheRepository()
    {
        foreach ((string file, string text) in DocumentationFiles())
        {
            Assert.False(Regex.IsMatch(text, @"\bSPEC\b"), $"{file} mentions a SPEC that is not in the repository");
            Assert.False(Regex.IsMatch(text, @"(^|[^A-Za-z])shared/|\.\./shared"), $"{file} points at shared/, outside the repository");
            foreach (Match link in Regex.Matches(text, @"\]\((?<target>\.\./[^)]+)\)"))
            {
                string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(RepoRoot, file))!, link.Groups["target"].Value.Split('#')[0]));
                Assert.True(target.StartsWith(RepoRoot, StringComparison.Ordinal) && (File.Exists(target) || Directory.Exists(target)),
                    $"{file} links to {link.Groups["target"].Value}, which is not a file of the repository");
            }
        }
    }

    [Fact]
    public void EveryHelpLinkQuotedInTheDocsIsTheConstantsAddress()
    {
        // The build output the pages quote ends with the help link: it must be the one HelpLinkRoot gives.
        var quoted = new List<string>();
        foreach ((string file, string text) in DocumentationFiles())
            foreach (Match link in Regex.Matches(text, @"https?://\S+?/(?<id>NG\d{4})\.md"))
            {
                Assert.Equal(DiagnosticDescriptors.HelpLink(link.Groups["id"].Value), link.Value);
                quoted.Add(file);
            }
        Assert.NotEmpty(quoted);
        // No other source file spells the address out.
        string[] sources = new[] { "analyzers", "generators", "src" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && File.ReadAllText(path).Contains(DiagnosticDescriptors.HelpLinkRoot, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepoRoot, path).Replace('\\', '/'))
            .ToArray();
        Assert.Equal(["analyzers/NetGen.Analyzers/DiagnosticDescriptors.cs"], sources);
    }

    [Fact]
    public void TheDiagnosticsIndexSaysWhereThePagesLive()
    {
        string index = File.ReadAllText(Path.Combine(RepoRoot, "docs", "diagnostics", "README.md"));
        Assert.Contains("`docs/diagnostics/`", index);
        Assert.Contains("`HelpLinkRoot`", index);
        Assert.Contains("analyzers/NetGen.Analyzers/DiagnosticDescriptors.cs", index);
    }

    [Fact]
    public void TheEditorsPageCoversCsharpLsAndEveryFixFromTheCommandLine()
    {
        string editors = File.ReadAllText(Path.Combine(RepoRoot, "docs", "editors.md"));
        Assert.Contains("`csharp.analyzersEnabled`", editors);
        Assert.Contains("csharp-ls offers no code fixes", editors);
        string[] ids = new NetworkCodeFixProvider().FixableDiagnosticIds.Order(StringComparer.Ordinal).ToArray();
        foreach (string id in ids)
        {
            string severity = DiagnosticDescriptors.ForId(id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Info ? "info" : "warn";
            Assert.Contains($"dotnet format analyzers --diagnostics {id} --severity {severity}", editors);
        }
        Assert.Contains($"dotnet format analyzers --diagnostics {string.Join(" ", ids)} --severity info", editors);
        Assert.Contains($"`{NetworkCodeFixProvider.ResidualEquivalenceKey}`", editors);
        Assert.Contains($"`{NetworkCodeFixProvider.ReluEquivalenceKey}`", editors);
        Assert.Contains("[editors](editors.md)", File.ReadAllText(Path.Combine(RepoRoot, "docs", "getting-started.md")));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/getting-started.md")]
    public void TheFirstExamplePrintsWhatItComputes(string file)
    {
        string block = DocumentationCodeTests.Blocks().First(b => b.File == file).Code;
        Assert.Contains("net.Forward([1, 0], output);", block);
        Assert.Matches(@"Console\.WriteLine\([^;]*output\[0\]", block);
    }

    [Fact]
    public void TheTrainingExampleEndsItsProgressLineBeforeTheResult()
    {
        string block = DocumentationCodeTests.Blocks().First(b => b.File == "docs/training.md").Code;
        string[] lines = block.Split('\n');
        int train = Array.FindIndex(lines, line => line.Contains("trainer.Train(", StringComparison.Ordinal));
        Assert.True(train >= 0, "docs/training.md's first example does not call trainer.Train");
        Assert.StartsWith("Console.WriteLine();", lines[train + 1].Trim());
        Assert.Contains("apt-get install dataset-fashion-mnist", File.ReadAllText(Path.Combine(RepoRoot, "docs", "training.md")));
        Assert.DoesNotContain("new ProgressBar(", block);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }
}
