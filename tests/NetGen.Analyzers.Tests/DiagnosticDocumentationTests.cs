using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// docs/diagnostics: every diagnostic the analyzer reports has its page (the help link's target) with its title,
/// severity and message, and a row in the README's index.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    private static readonly string Folder = Path.Combine(FindRepoRoot(), "docs", "diagnostics");

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in new NetworkAnalyzer().SupportedDiagnostics) data.Add(descriptor.Id);
        return data;
    }

    private static DiagnosticDescriptor Descriptor(string id) => new NetworkAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryDiagnosticHasAPageWithItsTitleAndSeverity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string page = Path.Combine(Folder, id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page: {page}");
        string[] lines = File.ReadAllLines(page);
        Assert.Equal($"# {id}: {descriptor.Title.ToString(CultureInfo.InvariantCulture)}", lines[0]);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", lines);
        Assert.Contains($"| Category | `{descriptor.Category}` |", lines);
    }

    [Theory]
    [InlineData("NG0004")]
    [InlineData("NG0006")]
    [InlineData("NG1019")]
    [InlineData("NG1020")]
    public void TheRecurrentPagesQuoteTheMessageWithNamedPlaceholders(string id)
    {
        // The page writes {layer} where the format has {0}: the text between placeholders must be the format's.
        // (Older pages spell some placeholders out, e.g. "Init.{recommended}" for {5}, so only these pages are held to it.)
        string format = Descriptor(id).MessageFormat.ToString(CultureInfo.InvariantCulture);
        string pattern = "^" + string.Concat(Regex.Split(format, @"(\{\d+\})").Select(part =>
            Regex.IsMatch(part, @"^\{\d+\}$") ? @"\{[^{}]+\}" : Regex.Escape(part.Replace("{{", "{").Replace("}}", "}")))) + "$";
        string text = File.ReadAllText(Path.Combine(Folder, id + ".md")).Replace("\r\n", "\n");
        Match block = Regex.Match(text, "Message:\n\n```\n(?<message>[^\n]*)\n```");
        Assert.True(block.Success, $"{id}.md has no 'Message:' block");
        Assert.Matches(pattern, block.Groups["message"].Value);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryDiagnosticHasARowInTheIndex(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string[] index = File.ReadAllLines(Path.Combine(Folder, "README.md"));
        Assert.Contains(index, line => line.StartsWith(
            $"| [{id}]({id}.md) | {descriptor.DefaultSeverity} | {descriptor.Title.ToString(CultureInfo.InvariantCulture)} |", StringComparison.Ordinal));
    }

    [Fact]
    public void TheIndexListsTheRecurrentThresholdsAndNoLongerReservesNG0004AndNG0006()
    {
        string index = File.ReadAllText(Path.Combine(Folder, "README.md"));
        Assert.DoesNotContain("reserved", index, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("| `netgen.recurrent_gradient` | `1e-6` | [NG0004](NG0004.md) |", index);
        Assert.Contains("| `netgen.lstm_memory_fraction` | `0.1` | [NG0006](NG0006.md) |", index);
        Assert.Contains("netgen.recurrent_gradient = 1e-6", index);
        Assert.Contains("netgen.lstm_memory_fraction = 0.1", index);
        Assert.Equal(1e-6, Thresholds.Default.RecurrentGradient);
        Assert.Equal(0.1, Thresholds.Default.LstmMemoryFraction);
    }

    [Theory]
    [InlineData("NG0004", "NG0004.Lstm", "netgen.recurrent_gradient")]
    [InlineData("NG0006", "NG0006.MemoryBias", "netgen.lstm_memory_fraction")]
    public void TheRecurrentPagesNameTheirThresholdAndTheirFix(string id, string equivalenceKey, string key)
    {
        string page = File.ReadAllText(Path.Combine(Folder, id + ".md"));
        Assert.Contains($"| Threshold | `{key}`", page);
        Assert.Contains(equivalenceKey, page);
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}
