using System;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Generators.Tests;

/// <summary>The snapshot reporter's diff is what a CI log shows: it must point at the right lines.</summary>
public class SnapshotDiffReporterTests
{
    private static readonly string Old = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";

    [Fact]
    public void DiffShowsChangedLinesWithOldAndNewNumbersAndContext()
    {
        string @new = Old.Replace("line 10\n", "line ten\n").Replace("line 15\n", "");

        string diff = SnapshotDiffReporter.UnifiedDiff(Old, @new);

        Assert.Contains("@@ -7,12 +7,11 @@", diff);
        Assert.Contains("-    10       | line 10", diff);
        Assert.Contains("+          10 | line ten", diff);
        Assert.Contains("-    15       | line 15", diff);
        Assert.Contains("     16    15 | line 16", diff);
        Assert.DoesNotContain("line 2\n", diff);
    }

    [Fact]
    public void DistantChangesGetSeparateHunks()
    {
        string diff = SnapshotDiffReporter.UnifiedDiff(Old, Old.Replace("line 2\n", "two\n").Replace("line 19\n", "nineteen\n"));

        Assert.Equal(2, diff.Split('\n').Count(line => line.StartsWith("@@", StringComparison.Ordinal)));
    }

    [Fact]
    public void WhitespaceOnlyChangesAreShown()
    {
        string diff = SnapshotDiffReporter.UnifiedDiff("a\n    b\n", "a\n  b\n");

        Assert.Contains("-     2       |     b", diff);
        Assert.Contains("+           2 |   b", diff);
    }

    [Fact]
    public void LineEndingOnlyDifferencesAreExplained()
    {
        Assert.Contains("differ only in line endings", SnapshotDiffReporter.UnifiedDiff("a\nb\n", "a\r\nb\r\n"));
    }

    [Fact]
    public void ReportFailsWithTheDiffAndLeavesTheApprovedFileAlone()
    {
        if (SnapshotDiffReporter.Accepting) return; // in accept mode Report copies instead, by design
        string directory = Directory.CreateTempSubdirectory("netgen-reporter").FullName;
        try
        {
            string approved = Path.Combine(directory, "x.approved.cs"), received = Path.Combine(directory, "x.received.cs");
            File.WriteAllText(approved, "int a = 1;\n");
            File.WriteAllText(received, "int a = 2;\n");

            var failure = Assert.Throws<XunitException>(() => SnapshotDiffReporter.INSTANCE.Report(approved, received));

            Assert.Contains("-     1       | int a = 1;", failure.Message);
            Assert.Contains("+           1 | int a = 2;", failure.Message);
            Assert.Contains(SnapshotDiffReporter.AcceptVariable, failure.Message);
            Assert.Equal("int a = 1;\n", File.ReadAllText(approved));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
