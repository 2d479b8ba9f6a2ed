using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators;

namespace NetGen.Testing;

/// <summary>
/// Runs the real generator in memory, the way the compiler does for a user's project: offline, against
/// the .NET 10 reference assemblies (Basic.Reference.Assemblies) plus the NetGen runtime.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location))
        .ToImmutableArray();

    /// <summary>A library compilation of <paramref name="sources"/> (one syntax tree each, named Source{i}.cs).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "NetGen.Generated.Test",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    /// <summary>A driver for the generator with step tracking on, so tests can see what was cached; <paramref name="additionalFiles"/> are the project's AdditionalFiles items (weights files).</summary>
    public static GeneratorDriver CreateDriver(params string[] additionalFiles)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            additionalTexts: additionalFiles.Select(path => (AdditionalText)new AdditionalFile(path)),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with generated sources added and the run's result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(CSharpCompilation compilation, params string[] additionalFiles)
    {
        GeneratorDriver driver = CreateDriver(additionalFiles).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The generated source for <paramref name="source"/> (all generated files concatenated).</summary>
    public static string GeneratedSource(string source)
    {
        (_, GeneratorDriverRunResult result) = Generate(CreateCompilation(source));
        return string.Concat(result.GeneratedTrees.Select(tree => tree.GetText().ToString()));
    }

    /// <summary>Generates, compiles and loads <paramref name="sources"/>; throws with every error if it does not compile.</summary>
    public static Assembly CompileAndLoad(params string[] sources) => CompileAndLoadWith([], sources);

    /// <summary><see cref="CompileAndLoad"/> with AdditionalFiles items (weights files, read from disk by the generator).</summary>
    public static Assembly CompileAndLoadWith(string[] additionalFiles, params string[] sources)
    {
        (Compilation output, GeneratorDriverRunResult result) = Generate(CreateCompilation(sources), additionalFiles);
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException("The generator reported errors:\n" + string.Join("\n", result.Diagnostics));
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
        IEnumerable<Diagnostic> errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
        if (!emitted.Success)
            throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", errors));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>An AdditionalFiles item: the generator reads a weights file from its path (Roslyn's text view cannot hold binary).</summary>
    internal sealed class AdditionalFile(string path) : AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
    }
}
