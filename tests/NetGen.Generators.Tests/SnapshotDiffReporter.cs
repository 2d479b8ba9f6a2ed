using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using ApprovalTests.Core;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace NetGen.Generators.Tests;

/// <summary>
/// Reports a snapshot mismatch as a unified, line-numbered diff (approved → received) in the test's
/// failure message, so a CI log shows exactly what changed; it never launches a diff tool.
/// With <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> it instead copies the received file over the approved one and
/// the test passes: that is the one way to re-accept snapshots (see README.md).
/// </summary>
public sealed class SnapshotDiffReporter : IEnvironmentAwareReporter, IReporterWithApprovalPower
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    /// <summary>ApprovalTests' UseReporterAttribute picks up this singleton by name.</summary>
    public static readonly SnapshotDiffReporter INSTANCE = new();

    private const int ContextLines = 3;
    private const int MaxDiffLines = 400;

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    public bool IsWorkingInThisEnvironment(string forFile) => true;

    public bool ApprovedWhenReported() => Accepting;

    public void Report(string approved, string received)
    {
        if (Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approved)!);
            File.Copy(received, approved, overwrite: true);
            return;
        }

        bool exists = File.Exists(approved);
        string approvedText = exists ? File.ReadAllText(approved) : "";
        string receivedText = File.ReadAllText(received);
        var message = new StringBuilder();
        message.AppendLine(exists
            ? $"Snapshot mismatch: the generated source differs from {Path.GetFileName(approved)}."
            : $"Snapshot missing: {Path.GetFileName(approved)} does not exist yet.");
        message.AppendLine($"--- approved: {approved}");
        message.AppendLine($"+++ received: {received}");
        message.Append(UnifiedDiff(approvedText, receivedText));
        message.AppendLine($"If the change is intended, re-accept with {AcceptVariable}=1 (tests/NetGen.Generators.Tests/README.md) and review the diff of Snapshots/.");
        throw new XunitException(message.ToString());
    }

    /// <summary>
    /// The line diff of <paramref name="oldText"/> and <paramref name="newText"/> as hunks with
    /// <see cref="ContextLines"/> lines of context, each line prefixed with its old and new line numbers.
    /// </summary>
    public static string UnifiedDiff(string oldText, string newText)
    {
        // Whitespace matters in generated code: do not let DiffPlex ignore it.
        DiffPaneModel model = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = new List<DiffLine>(model.Lines.Count);
        int oldNumber = 0, newNumber = 0;
        foreach (DiffPiece piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Deleted: lines.Add(new DiffLine('-', ++oldNumber, null, piece.Text)); break;
                case ChangeType.Inserted: lines.Add(new DiffLine('+', null, ++newNumber, piece.Text)); break;
                case ChangeType.Imaginary: break;
                default: lines.Add(new DiffLine(' ', ++oldNumber, ++newNumber, piece.Text)); break;
            }
        }

        var output = new StringBuilder();
        int printed = 0, index = 0, changed = 0;
        while (index < lines.Count)
        {
            if (lines[index].Marker == ' ') { index++; continue; }
            int start = Math.Max(0, index - ContextLines), end = index;
            // Extend the hunk while the next change is close enough to share context.
            for (int next = index; next < lines.Count; next++)
            {
                if (lines[next].Marker == ' ') continue;
                if (next - end > 2 * ContextLines) break;
                end = next;
            }
            end = Math.Min(lines.Count - 1, end + ContextLines);
            output.AppendLine(HunkHeader(lines, start, end));
            for (int i = start; i <= end; i++)
            {
                if (lines[i].Marker != ' ') changed++;
                if (printed++ < MaxDiffLines) output.AppendLine(lines[i].ToString());
            }
            index = end + 1;
        }

        if (printed > MaxDiffLines)
            output.AppendLine(string.Create(CultureInfo.InvariantCulture, $"... {printed - MaxDiffLines} more diff lines not shown."));
        if (changed == 0 && oldText != newText)
            output.AppendLine("The files differ only in line endings, a byte-order mark or the final newline.");
        return output.ToString();
    }

    private static string HunkHeader(List<DiffLine> lines, int start, int end)
    {
        int oldCount = 0, newCount = 0, oldStart = 0, newStart = 0;
        for (int i = start; i <= end; i++)
        {
            if (lines[i].OldNumber is int o) { if (oldCount++ == 0) oldStart = o; }
            if (lines[i].NewNumber is int n) { if (newCount++ == 0) newStart = n; }
        }
        return string.Create(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@");
    }

    private readonly record struct DiffLine(char Marker, int? OldNumber, int? NewNumber, string Text)
    {
        public override string ToString()
            => string.Create(CultureInfo.InvariantCulture, $"{Marker} {OldNumber,5} {NewNumber,5} | {Text}");
    }
}
