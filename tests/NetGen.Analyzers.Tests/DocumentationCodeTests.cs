using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generators;
using NetGen.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Every ```csharp block of README.md and docs/**/*.md compiles as a program of its own, with the NetGen runtime,
/// the generator and the analyzer, the way a reader would paste it into a new project. A block may say otherwise
/// in an HTML comment on the line right before its fence:
/// <list type="bullet">
/// <item><c>&lt;!-- partial --&gt;</c>: a fragment (a member, one statement out of context); not compiled.</item>
/// <item><c>&lt;!-- continued --&gt;</c>: uses the types of the file's C# block before it; compiled as this block
/// followed by that one without its usings (which this block must repeat).</item>
/// <item><c>&lt;!-- error NG1006 --&gt;</c>: the example of a mistake; it must report that error (and no other error
/// than those <see cref="ConsequentErrors"/> lists).</item>
/// </list>
/// A failure names the file and the line of the block's fence.
/// </summary>
public sealed class DocumentationCodeTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location))
        .ToImmutableArray();

    /// <summary>
    /// What a deliberate mistake also reports: the partial properties the generator leaves unwritten for an invalid
    /// network (CS9248) and, for a class not declared partial (NG1001), its partial members (CS0751).
    /// </summary>
    private static readonly string[] ConsequentErrors = [Verifier.MissingPartialImplementation, "CS0751"];

    /// <summary>A fenced C# block: where it is, what its marker asks, and its text.</summary>
    public sealed record CodeBlock(string File, int Line, string Marker, string Code)
    {
        public override string ToString() => $"{File}:{Line}";
    }

    private static readonly Regex Fence = new(@"^(?<indent>\s*)```(?<info>.*)$");
    private static readonly Regex MarkerComment = new(@"^\s*<!--\s*(?<marker>partial|continued|error NG\d{4})\s*-->\s*$");

    /// <summary>Every ```csharp block of the README and the docs, in file order.</summary>
    public static IReadOnlyList<CodeBlock> Blocks()
    {
        IEnumerable<string> files = new[] { Path.Combine(RepoRoot, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var blocks = new List<CodeBlock>();
        foreach (string file in files)
        {
            string relative = Path.GetRelativePath(RepoRoot, file).Replace('\\', '/');
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                Match open = Fence.Match(lines[i]);
                if (!open.Success) continue;
                int end = i + 1;
                while (end < lines.Length && !Regex.IsMatch(lines[end], @"^\s*```\s*$")) end++;
                string language = open.Groups["info"].Value.Trim().Split(' ', 2)[0];
                if (language is "csharp" or "cs" or "c#" or "C#")
                {
                    string marker = "";
                    int previous = i - 1;
                    if (previous >= 0 && MarkerComment.Match(lines[previous]) is { Success: true } comment) marker = comment.Groups["marker"].Value;
                    blocks.Add(new CodeBlock(relative, i + 1, marker, string.Join("\n", lines[(i + 1)..Math.Min(end, lines.Length)])));
                }
                i = end;
            }
        }
        return blocks;
    }

    public static TheoryData<string> BlockNames()
    {
        var data = new TheoryData<string>();
        foreach (CodeBlock block in Blocks()) data.Add(block.ToString());
        return data;
    }

    [Fact]
    public void TheDocumentationHasCSharpBlocksAndEveryMarkerIsKnown()
    {
        IReadOnlyList<CodeBlock> blocks = Blocks();
        Assert.Contains(blocks, block => block.File == "README.md");
        Assert.Contains(blocks, block => block.File == "docs/training.md" && block.Marker == "");
        // A marker comment must sit right before a csharp fence; one anywhere else is a typo that would silently compile nothing.
        foreach (string file in new[] { "README.md" }.Concat(Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))))
        {
            string[] lines = File.ReadAllLines(Path.Combine(RepoRoot, file));
            for (int i = 0; i < lines.Length; i++)
                if (Regex.IsMatch(lines[i], @"^\s*<!--\s*(partial|continued|error)\b"))
                    Assert.True(i + 1 < lines.Length && Regex.IsMatch(lines[i + 1], @"^\s*```csharp\s*$") && MarkerComment.IsMatch(lines[i]),
                        $"{file}:{i + 1}: '{lines[i].Trim()}' must be '<!-- partial -->', '<!-- continued -->' or '<!-- error NGxxxx -->' right before a ```csharp fence");
        }
    }

    [Theory]
    [MemberData(nameof(BlockNames))]
    public void EveryCSharpBlockCompiles(string name)
    {
        CodeBlock block = Blocks().Single(b => b.ToString() == name);
        if (block.Marker == "partial") return;

        string code = block.Code;
        if (block.Marker == "continued")
        {
            CodeBlock? previous = Blocks().LastOrDefault(b => b.File == block.File && b.Line < block.Line);
            Assert.True(previous is not null, $"The block at {block} is marked '<!-- continued -->' but no C# block comes before it in {block.File}");
            // The usings stay at the top: this block must have those of the block before it.
            string[] usings = previous.Code.Split('\n').Where(line => line.StartsWith("using ", StringComparison.Ordinal)).ToArray();
            string[] missing = usings.Where(u => !block.Code.Split('\n').Contains(u)).ToArray();
            Assert.True(missing.Length == 0, $"The block at {block} continues the one at {previous} but lacks its {string.Join(" ", missing)}");
            code += "\n" + string.Join("\n", previous.Code.Split('\n').Where(line => !usings.Contains(line)));
        }
        (ImmutableArray<Diagnostic> errors, ImmutableArray<Diagnostic> analyzerDiagnostics) = Compile(code);
        // A diagnostic in the block is named by its line in the Markdown file; one in generated code by the generated file.
        string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d =>
            (d.Location.GetLineSpan() is { Path: "Block.cs" } span
                ? $"  {block.File}:{block.Line + span.StartLinePosition.Line + 1}"
                : $"  {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} (generated)")
            + $": {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));

        if (block.Marker.StartsWith("error ", StringComparison.Ordinal))
        {
            string expected = block.Marker["error ".Length..];
            ImmutableArray<Diagnostic> all = errors.AddRange(analyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.True(all.Any(d => d.Id == expected),
                $"The block at {block} is marked '<!-- error {expected} -->' but does not report {expected}; it reports:\n{Describe(all)}");
            Diagnostic[] others = all.Where(d => d.Id != expected && !ConsequentErrors.Contains(d.Id)).ToArray();
            Assert.True(others.Length == 0, $"The block at {block} should fail only with {expected}, but also reports:\n{Describe(others)}");
            return;
        }

        // The analyzer's errors (NG1001–NG1024) fail a reader's build as the compiler's do.
        errors = errors.AddRange(analyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(errors.IsEmpty, $"The C# block at {block} does not compile (mark a deliberate fragment '<!-- partial -->'):\n{Describe(errors)}");
    }

    /// <summary>
    /// A build line quoted in the docs, as <c>dotnet build</c> prints it: <c>File.cs(line,column): warning NG0001: message (help link)</c>.
    /// </summary>
    private static readonly Regex QuotedBuildLine = new(@"^\w+\.cs\((?<line>\d+),(?<column>\d+)\): (?:error|warning|info) (?<id>NG\d{4}): (?<message>.*) \((?<link>https?://\S+)\)$");

    /// <summary>
    /// The NGxxxx build lines quoted in the first plain fenced block after <paramref name="block"/> (before the next C#
    /// block of its file): what a reader is told the build prints for that code.
    /// </summary>
    public static IReadOnlyList<(int Line, Match Quote)> QuotedOutput(CodeBlock block)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoRoot, block.File));
        int i = block.Line; // the line after the opening fence, 0-based
        while (i < lines.Length && !Regex.IsMatch(lines[i], @"^\s*```\s*$")) i++;
        for (i++; i < lines.Length; i++)
        {
            Match open = Fence.Match(lines[i]);
            if (!open.Success) continue;
            if (open.Groups["info"].Value.Trim().Length > 0) return [];
            var quotes = new List<(int, Match)>();
            for (int j = i + 1; j < lines.Length && !Regex.IsMatch(lines[j], @"^\s*```\s*$"); j++)
                if (QuotedBuildLine.Match(lines[j]) is { Success: true } quote) quotes.Add((j + 1, quote));
            return quotes;
        }
        return [];
    }

    public static TheoryData<string> BlocksWithQuotedOutput()
    {
        var data = new TheoryData<string>();
        foreach (CodeBlock block in Blocks())
            if (block.Marker != "partial" && QuotedOutput(block).Count > 0) data.Add(block.ToString());
        return data;
    }

    /// <summary>
    /// The build output a page quotes after a block is what the analyzer reports for it: the ID at that line and column of
    /// the block (the block's first line is line 1), with that message word for word. The severity is not compared: a page
    /// may show an Info diagnostic raised to a warning in .editorconfig.
    /// </summary>
    [Theory]
    [MemberData(nameof(BlocksWithQuotedOutput))]
    public void TheQuotedBuildOutputIsWhatTheAnalyzerReports(string name)
    {
        CodeBlock block = Blocks().Single(b => b.ToString() == name);
        string code = block.Code;
        if (block.Marker == "continued")
        {
            CodeBlock previous = Blocks().Last(b => b.File == block.File && b.Line < block.Line);
            string[] usings = previous.Code.Split('\n').Where(line => line.StartsWith("using ", StringComparison.Ordinal)).ToArray();
            code += "\n" + string.Join("\n", previous.Code.Split('\n').Where(line => !usings.Contains(line)));
        }
        (_, ImmutableArray<Diagnostic> analyzer) = Compile(code);
        string[] reported = analyzer
            .Where(d => d.Location.GetLineSpan().Path == "Block.cs")
            .Select(d => $"({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}) {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToArray();
        foreach ((int line, Match quote) in QuotedOutput(block))
        {
            string expected = $"({quote.Groups["line"].Value},{quote.Groups["column"].Value}) {quote.Groups["id"].Value}: {quote.Groups["message"].Value}";
            Assert.True(reported.Contains(expected),
                $"{block.File}:{line} quotes\n  {expected}\nbut the block at {block} reports:\n{string.Join("\n", reported.Select(r => "  " + r))}");
        }
    }

    /// <summary>
    /// Generates and compiles <paramref name="code"/>: as a console program when it has top-level statements, else as a
    /// library. Returns the compiler's errors and the analyzer's diagnostics.
    /// </summary>
    private static (ImmutableArray<Diagnostic> Errors, ImmutableArray<Diagnostic> Analyzer) Compile(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions, path: "Block.cs");
        bool program = tree.GetRoot().ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "NetGen.Documentation.Block", [tree], References,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> errors = output.GetDiagnostics().AddRange(generatorDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        ImmutableArray<Diagnostic> analyzer = output.WithAnalyzers([new NetworkAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (errors, analyzer);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }
}
