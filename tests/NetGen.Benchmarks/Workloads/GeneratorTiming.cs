using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generators;
using NetGen.Testing;

namespace NetGen.Benchmarks.Workloads;

/// <summary>
/// The generator's own cost: NetGen's <see cref="NetworkGenerator"/> run by a <see cref="CSharpGeneratorDriver"/>
/// (in memory, offline, against the .NET 10 reference assemblies, as the generator tests do) on a compilation
/// holding one 10-layer network (input 64, ten Dense(64, tanh) layers) and an unrelated class in another file.
/// <see cref="FullGeneration"/> is a cold run: a new driver on a fresh copy of the compilation (nothing bound
/// yet), as a clean build sees it. <see cref="IncrementalAfterUnrelatedEdit"/> is a driver that has already
/// run, given the compilation after a method body in the other file changed, as an IDE sees a keystroke;
/// the self-check confirms that this run regenerates nothing. Step tracking is off, as in the compiler.
/// </summary>
[MemoryDiagnoser]
public class GeneratorTiming
{
    /// <summary>The 10-layer network.</summary>
    public const string TenLayerNetwork = """
        using NetGen;

        namespace Timing;

        [Network(Loss = Loss.MeanSquaredError, Seed = 10)]
        public partial class TenLayers
        {
            [Input(64)] public partial InputLayer In { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L1 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L2 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L3 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L4 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L5 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L6 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L7 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L8 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L9 { get; }
            [Dense(64, Activation.Tanh)] public partial DenseLayer L10 { get; }
        }
        """;

    private const string Unrelated = """
        public static class Unrelated
        {
            public static int Answer() => 41;
        }
        """;

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!, _unrelatedEdited = null!;
    private GeneratorDriver _warm = null!;

    /// <summary>Builds the compilation and a driver that has run once; checks the output compiles and that the edit regenerates nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorHarness.CreateCompilation(TenLayerNetwork, Unrelated);
        _unrelated = _compilation.SyntaxTrees[1];
        SourceText text = _unrelated.GetText();
        int at = text.ToString().IndexOf("=> 41", StringComparison.Ordinal);
        _unrelatedEdited = _unrelated.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 5), "=> 42")));

        // The generated source: one file, no generator error, and it compiles. This first run in the process
        // also pays for loading and JIT-compiling Roslyn's binder and the generator: reported, not benchmarked.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        GeneratorDriver first = CreateDriver().RunGeneratorsAndUpdateCompilation(_compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        clock.Stop();
        GeneratorDriverRunResult result = first.GetRunResult();
        if (result.GeneratedTrees.Length != 1 || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidOperationException($"GeneratorTiming: expected one generated file and no error, got {result.GeneratedTrees.Length} file(s): {string.Join("; ", result.Diagnostics)}");
        using (var stream = new MemoryStream())
        {
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
            if (!emitted.Success)
                throw new InvalidOperationException("GeneratorTiming: the generated network does not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        string source = result.GeneratedTrees[0].GetText().ToString();
        Agreement.Log?.Invoke($"  10-layer network: {source.Length:N0} characters, {source.Count(c => c == '\n'):N0} lines generated, compiles; first (cold) run in this process {clock.Elapsed.TotalMilliseconds:F0} ms");

        // The unrelated edit: the generator's model steps and its source output cached or unchanged (what the
        // caching tests assert; Roslyn's own syntax steps for the edited file do run).
        GeneratorDriver tracked = GeneratorHarness.CreateDriver().RunGenerators(_compilation);
        GeneratorRunResult again = tracked.RunGenerators(Edited()).GetRunResult().Results.Single();
        var reasons = new[] { "NetworkSpecs", "ValidNetworks" }
            .SelectMany(step => again.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> steps) ? steps : [])
            .Concat(again.TrackedOutputSteps.Values.SelectMany(steps => steps))
            .SelectMany(step => step.Outputs).Select(stepOutput => stepOutput.Reason).ToList();
        if (reasons.Count < 3 || reasons.Any(reason => reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
            throw new InvalidOperationException("GeneratorTiming: an unrelated edit made the generator redo work: " + string.Join(", ", reasons));
        Agreement.Log?.Invoke($"  unrelated edit: the model steps and the source output ({reasons.Count} outputs) all cached or unchanged");

        _warm = CreateDriver().RunGenerators(_compilation);
    }

    /// <summary>A new driver on a fresh copy of the compilation: everything bound and generated from scratch.</summary>
    [Benchmark]
    public GeneratorDriver FullGeneration() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The driver that has run, on the compilation after an unrelated edit.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalAfterUnrelatedEdit() => _warm.RunGenerators(Edited());

    private CSharpCompilation Edited() => _compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited);

    private static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
