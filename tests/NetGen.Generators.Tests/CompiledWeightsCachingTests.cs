using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Weights files in the incremental pipeline: an unrelated edit regenerates nothing; editing a weights file
/// regenerates the network that names it and no other (by the driver's tracked steps, as <see cref="IncrementalCachingTests"/>).
/// </summary>
public sealed class CompiledWeightsCachingTests
{
    private static readonly string Other = TestNetworks.Xor;

    [Fact]
    public void AnUnrelatedEditRegeneratesNothing()
    {
        string file = CompiledWeightsTests.SaveTrained("trained.safetensors", TensorDtype.F32);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(CompiledWeightsTests.Source("trained.safetensors"), "class Unrelated { int Answer() => 41; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(file).RunGenerators(compilation);

        SyntaxTree unrelated = compilation.SyntaxTrees[1];
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("class Unrelated { int Answer() => 42; }", GeneratorHarness.ParseOptions, unrelated.FilePath));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(2, second.GeneratedSources.Length);
        foreach (string step in new[] { TrackingNames.NetworkSpecs, TrackingNames.ValidNetworks, TrackingNames.WeightsFiles, TrackingNames.NetworkBuilds })
            Assert.All(Reasons(second.TrackedSteps[step]), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        Assert.All(Reasons(second.TrackedOutputSteps.SelectMany(pair => pair.Value)), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void EditingTheWeightsFileRegeneratesOnlyTheNetworkThatNamesIt()
    {
        string file = CompiledWeightsTests.SaveTrained("trained.safetensors", TensorDtype.F32);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(CompiledWeightsTests.Source("trained.safetensors"), Other);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(file).RunGenerators(compilation);
        string before = WeightsSource(driver);

        // A new version of the file at the same path: the IDE hands the generator a new AdditionalText.
        SafeTensors.Save(Rescaled(file), file);
        AdditionalText old = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.WeightsFiles].Single().Inputs.Single().Source.Outputs.Single().Value as AdditionalText
            ?? throw new Xunit.Sdk.XunitException("the weights step's input is not the additional file");
        GeneratorDriver rerun = driver.ReplaceAdditionalText(old, new GeneratorHarness.AdditionalFile(file)).RunGenerators(compilation);
        GeneratorRunResult second = rerun.GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second.TrackedSteps[TrackingNames.WeightsFiles]));
        IncrementalStepRunReason[] builds = Reasons(second.TrackedSteps[TrackingNames.NetworkBuilds]);
        Assert.Single(builds, reason => reason == IncrementalStepRunReason.Modified);
        Assert.Single(builds, reason => reason == IncrementalStepRunReason.Unchanged);
        var modified = (NetworkBuild)second.TrackedSteps[TrackingNames.NetworkBuilds].SelectMany(step => step.Outputs).Single(output => output.Reason == IncrementalStepRunReason.Modified).Value;
        Assert.Equal("ShippedNet", modified.Spec.ClassName);
        Assert.NotEqual(before, WeightsSource(rerun));
    }

    [Fact]
    public void AnEqualFileComparesEqualSoTheBuildIsUnchanged()
    {
        string file = CompiledWeightsTests.SaveTrained("trained.safetensors", TensorDtype.F32);
        byte[] bytes = File.ReadAllBytes(file);
        Assert.Equal(WeightsFile.FromBytes(file, bytes), WeightsFile.FromBytes(file, (byte[])bytes.Clone()));
        bytes[^1] ^= 1;
        Assert.NotEqual(WeightsFile.FromBytes(file, bytes), WeightsFile.Read(file));
    }

    private static INetwork Rescaled(string file)
    {
        var net = (INetwork)System.Activator.CreateInstance(GeneratorHarness.CompileAndLoad(CompiledWeightsTests.Source(null)).GetType("ShippedNet")!, 1)!;
        SafeTensors.Load(net, file);
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] *= 2;
        return net;
    }

    private static string WeightsSource(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().GeneratedSources.Single(source => source.HintName.EndsWith(".Weights.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

    private static IncrementalStepRunReason[] Reasons(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
}
