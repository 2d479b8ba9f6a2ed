using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Analyzers;
using NetGen.Fuzz.Tests.Declarations;
using NetGen.Model;
using NetGen.Testing;

namespace NetGen.Fuzz.Tests;

/// <summary>What one case cost: the generator's time, the analysis phase's, and the generated text's length.</summary>
internal readonly record struct FuzzMeasurement(TimeSpan GeneratorTime, TimeSpan AnalysisTime, int GeneratedChars);

/// <summary>
/// Runs the generator and the analyzer on one fuzz case, as a build with the IDE's analyzers does, and checks
/// that neither throws, the generator stays within <see cref="TimeBound"/> and the analysis within
/// <see cref="AnalysisTimeBound"/>, the generated text stays within
/// <see cref="MaxGeneratedChars"/>, a valid declaration compiles without errors and an invalid one gets its
/// NG1xxx error (or, for broken C#, some compiler error).
/// </summary>
internal static class FuzzOracle
{
    /// <summary>
    /// Per case, for the generator. Typical cases take a few milliseconds (the slowest of 10,000 took 672 ms with
    /// the machine's load average above 30); the bound is generous because the tests share 2 cores with other builds.
    /// </summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Per case for the analysis phase: NetGen's analyzer and the analyzer driver's walk over every symbol of the
    /// compilation (generated code included), which the IDE pays as well.
    /// </summary>
    public static readonly TimeSpan AnalysisTimeBound = TimeSpan.FromSeconds(5);

    /// <summary>Runs of a case before its time counts as over the bound.</summary>
    public const int TimingAttempts = 3;

    /// <summary>Characters of unrolled code per weight: the forward term, the weight-gradient statement and the input-gradient term.</summary>
    public const int CharsPerUnrolledWeight = 128;

    /// <summary>Characters per layer besides its unrolled weights: loops, fields, views, layer table, summary.</summary>
    public const int CharsPerLayer = 16 * 1024;

    /// <summary>Characters of a network's fixed members (constructors, Train*, Clone, ...).</summary>
    public const int CharsPerNetwork = 32 * 1024;

    /// <summary>
    /// The generated text of a network may grow with its layers but never with their widths: a layer above
    /// <see cref="Limits.UnrollWeightThreshold"/> weights is written as loops. An LSTM unrolls 4 gate matrices,
    /// each within the threshold, over W_ih and W_hh.
    /// </summary>
    public static int MaxGeneratedChars(int layers)
        => CharsPerNetwork + layers * (CharsPerLayer + 8 * Limits.UnrollWeightThreshold * CharsPerUnrolledWeight);

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [new NetworkAnalyzer()];

    /// <summary>One run before the first timed one, so that JIT compilation and loading the references are not timed.</summary>
    private static readonly Lazy<RunResult> WarmUp = new(() => Run(
        ["using NetGen; [Network] public partial class Warm { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }"]));

    /// <summary>Runs the warm-up once; timed tests call it first.</summary>
    public static void EnsureWarm() => _ = WarmUp.Value;

    public static FuzzMeasurement Check(FuzzCase fuzzCase)
        => Check(fuzzCase.Declaration.Render(), new Expectation(fuzzCase.ToString(), fuzzCase.IsValid, fuzzCase.ExpectedId, fuzzCase.ExpectsCompilerError), fuzzCase.Declaration.Layers.Count);

    /// <summary>What a case must give: no error (valid), its NG1xxx error, or some compiler error (broken C#); and how to show it.</summary>
    internal sealed record Expectation(string Description, bool IsValid, string? ExpectedId, bool ExpectsCompilerError);

    /// <summary>The checks of <see cref="Check(FuzzCase)"/> on sources written some other way (the convolution fuzzer writes its own).</summary>
    public static FuzzMeasurement Check(string[] sources, Expectation fuzzCase, int layers)
    {
        EnsureWarm();
        RunResult run = Run(sources);
        // Wall-clock time on a shared machine jumps when other processes take the cores: a case over the bound is
        // timed again, and fails only if it is slow every time.
        for (int attempt = 1; attempt < TimingAttempts && (run.GeneratorTime > TimeBound || run.AnalysisTime > AnalysisTimeBound); attempt++)
            run = Run(sources);
        if (run.GeneratorException is not null) Fail(fuzzCase, "the generator threw " + run.GeneratorException);
        if (run.DriverDiagnostics.FirstOrDefault(d => d.Id == "CS8785") is { } dropped) Fail(fuzzCase, "the generator's output was dropped: " + dropped);
        if (run.GeneratorTime > TimeBound) Fail(fuzzCase, $"the generator took {run.GeneratorTime.TotalMilliseconds:F0} ms");
        int generatedChars = run.Generated.GeneratedTrees.Sum(tree => tree.Length);
        int cap = MaxGeneratedChars(layers);
        if (generatedChars > cap) Fail(fuzzCase, $"the generator wrote {generatedChars} characters, more than {cap}");
        if (run.AnalyzerException is not null) Fail(fuzzCase, "the analyzer threw " + run.AnalyzerException);
        if (run.Diagnostics.FirstOrDefault(d => d.Id == "AD0001") is { } crashed) Fail(fuzzCase, "the analyzer crashed: " + crashed);
        if (run.AnalysisTime > AnalysisTimeBound) Fail(fuzzCase, $"the analysis took {run.AnalysisTime.TotalMilliseconds:F0} ms");
        CheckErrors(fuzzCase, run.Diagnostics, run.Generated);
        return new FuzzMeasurement(run.GeneratorTime, run.AnalysisTime, generatedChars);
    }

    /// <summary>What the generator and the analyzer did with one set of sources.</summary>
    private sealed record RunResult(
        GeneratorDriverRunResult Generated, Exception? GeneratorException, ImmutableArray<Diagnostic> DriverDiagnostics, TimeSpan GeneratorTime,
        ImmutableArray<Diagnostic> Diagnostics, Exception? AnalyzerException, TimeSpan AnalysisTime);

    private static RunResult Run(string[] sources)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        var clock = Stopwatch.StartNew();
        GeneratorDriver driver = GeneratorHarness.CreateDriver()
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        TimeSpan generatorTime = clock.Elapsed;
        GeneratorDriverRunResult generated = driver.GetRunResult();

        Exception? analyzerException = null;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => analyzerException ??= exception, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analysis = output.WithAnalyzers(Analyzers, options);
        // The compiler's diagnostics first, so that the analysis time below excludes most of the binding (the
        // analyzer driver still walks every symbol; Roslyn's per-analyzer telemetry reads 0 here).
        ImmutableArray<Diagnostic> compilerDiagnostics = analysis.Compilation.GetDiagnostics();
        clock.Restart();
        ImmutableArray<Diagnostic> analyzerDiagnostics = analysis.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        TimeSpan analysisTime = clock.Elapsed;
        ImmutableArray<Diagnostic> diagnostics = compilerDiagnostics.AddRange(analyzerDiagnostics);
        return new RunResult(generated, generated.Results.Select(result => result.Exception).FirstOrDefault(exception => exception is not null),
            driverDiagnostics, generatorTime, diagnostics, analyzerException, analysisTime);
    }

    private static void CheckErrors(Expectation fuzzCase, ImmutableArray<Diagnostic> diagnostics, GeneratorDriverRunResult run)
    {
        Diagnostic[] errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (fuzzCase.IsValid && errors.Length > 0)
            Fail(fuzzCase, "a valid declaration has errors:\n" + Describe(errors, run));
        if (fuzzCase.ExpectedId is { } id && !errors.Any(d => d.Id == id))
            Fail(fuzzCase, $"{id} was not reported; errors:\n" + Describe(errors, run));
        if (fuzzCase.ExpectsCompilerError && errors.Length == 0)
            Fail(fuzzCase, "broken C# compiled without errors");
        if (!fuzzCase.ExpectsCompilerError)
        {
            // A definition fault is the user's; the generated code itself must never be what fails to compile.
            Diagnostic[] inGenerated = errors.Where(d => IsGenerated(d, run)).ToArray();
            if (inGenerated.Length > 0) Fail(fuzzCase, "the generated code has errors:\n" + Describe(inGenerated, run));
        }
    }

    private static string Describe(Diagnostic[] errors, GeneratorDriverRunResult run)
        => string.Join("\n", errors.Take(10).Select(d => d.ToString() + (IsGenerated(d, run)
            ? "  [generated: " + d.Location.SourceTree!.GetText().GetSubText(d.Location.SourceSpan) + "]"
            : "")));

    private static bool IsGenerated(Diagnostic diagnostic, GeneratorDriverRunResult run)
        => diagnostic.Location.SourceTree is { } tree && run.GeneratedTrees.Contains(tree);

    private static void Fail(Expectation fuzzCase, string problem)
        => throw new Xunit.Sdk.XunitException($"Fuzz case: {problem}\n---- declaration ----\n{fuzzCase.Description}");
}
