using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The pipeline's named steps must not redo work (or re-emit source) for edits that do not touch a network,
/// and must notice edits that do (after Mapperly's IncrementalGeneratorTest and STJ's
/// JsonSourceGeneratorIncrementalTests).
/// </summary>
public class IncrementalCachingTests
{
    private const string Unrelated = """
        public static class Unrelated
        {
            public static int Answer() => 41;
        }
        """;

    private static readonly string[] ModelSteps = [TrackingNames.NetworkSpecs, TrackingNames.ValidNetworks];

    [Fact]
    public void RunningAgainOnTheSameCompilationCachesEverything()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void AddingAnUnrelatedSyntaxTreeKeepsTheModelAndSourceCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(Parse(Unrelated, "Added.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void EditingAnUnrelatedMethodBodyInAnotherFileKeepsTheModelAndSourceCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = ReplaceText(compilation, 1, "=> 41", "=> 42");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void EditingAnUnrelatedMethodBodyInTheNetworksFileLeavesTheModelUnchanged()
    {
        // The network's own file changes, so its model is rebuilt; it must compare equal to the old one.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor + "\n" + Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = ReplaceText(compilation, 0, "=> 41", "=> 42");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void AddingASecondNetworkLeavesTheFirstCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(Parse(TestNetworks.Residual, "Residual.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(2, second.GeneratedSources.Length);
        foreach (string step in ModelSteps)
        {
            IncrementalStepRunReason[] reasons = OutputReasons(second.TrackedSteps[step]);
            Assert.Single(reasons, reason => reason == IncrementalStepRunReason.New);
            Assert.Single(reasons, reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        }
    }

    [Fact]
    public void ChangingADenseSizeModifiesTheModelAndTheSource()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        CSharpCompilation edited = ReplaceText(compilation, 0, "[Dense(4, Activation.Tanh)]", "[Dense(5, Activation.Tanh)]");
        GeneratorDriver rerun = driver.RunGenerators(edited);
        GeneratorRunResult second = rerun.GetRunResult().Results.Single();

        foreach (string step in ModelSteps)
            Assert.Equal([IncrementalStepRunReason.Modified], OutputReasons(second.TrackedSteps[step]));
        Assert.Equal([IncrementalStepRunReason.Modified], OutputReasons(SourceOutputSteps(second)));
        var spec = (NetworkSpec)second.TrackedSteps[TrackingNames.NetworkSpecs].Single().Outputs.Single().Value;
        Assert.Equal(5, spec.Layers[1].OutputSize);
        string after = rerun.GetRunResult().GeneratedTrees.Single().ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("public const int ParameterCount = 21;", after);
    }

    [Fact]
    public void MakingTheNetworkInvalidReplacesItsSourceWithStubs()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(TestNetworks.Xor);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = ReplaceText(compilation, 0, "[Dense(4, Activation.Tanh)]", "[Dense(0, Activation.Tanh)]");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], OutputReasons(second.TrackedSteps[TrackingNames.NetworkSpecs]));
        InvalidDefinitionTests.AssertOnlyStubs(second);
        Assert.Single(second.GeneratedSources);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult run)
    {
        Assert.Null(run.Exception);
        Assert.Single(run.GeneratedSources);
        foreach (string step in ModelSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            AssertCachedOrUnchanged(step, run.TrackedSteps[step]);
        }
        AssertCachedOrUnchanged("source output", SourceOutputSteps(run));
    }

    private static void AssertCachedOrUnchanged(string what, ImmutableArray<IncrementalGeneratorRunStep> steps)
    {
        IncrementalStepRunReason[] reasons = OutputReasons(steps);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"{what}: an output was {reason}, expected Cached or Unchanged"));
    }

    private static ImmutableArray<IncrementalGeneratorRunStep> SourceOutputSteps(GeneratorRunResult run)
        => run.TrackedOutputSteps.SelectMany(pair => pair.Value).ToImmutableArray();

    private static IncrementalStepRunReason[] OutputReasons(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path);

    private static CSharpCompilation ReplaceText(CSharpCompilation compilation, int treeIndex, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees[treeIndex];
        string text = tree.ToString();
        Assert.Contains(oldText, text);
        return compilation.ReplaceSyntaxTree(tree, Parse(text.Replace(oldText, newText), tree.FilePath));
    }
}
