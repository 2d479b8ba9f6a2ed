using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The generated source of a few representative networks, compared with the checked-in
/// Snapshots/GeneratedSourceSnapshotTests.*.approved.cs. A mismatch prints a line-numbered diff;
/// NETGEN_ACCEPT_SNAPSHOTS=1 re-accepts (README.md).
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
[UseReporter(typeof(SnapshotDiffReporter))]
public class GeneratedSourceSnapshotTests
{
    static GeneratedSourceSnapshotTests()
    {
        // Belt and braces: nothing here may start a diff tool on a headless machine.
        DiffEngine.DiffRunner.Disabled = true;
    }

    [Fact]
    public void XorNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Xor, "XorNet.g.cs"), ".cs");

    [Fact]
    public void ResidualNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Residual, "ResidualNet.g.cs"), ".cs");

    [Fact]
    public void LargeLayerNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Large, "DigitsNet.g.cs"), ".cs");

    [Fact]
    public void NestedNetworkInNamespace() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Nested, "Contoso.Models.Zoo-NestedNet.g.cs"), ".cs");

    [Fact]
    public void GenericNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Generic, "Contoso.Generic.TaggedNet{1}.g.cs"), ".cs");

    [Fact]
    public void RecurrentNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Recurrent, "SequenceRnn.g.cs"), ".cs");

    [Fact]
    public void LstmSequenceNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Lstm, "TaggerLstm.g.cs"), ".cs");

    [Fact]
    public void GruNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Gru, "SummaryGru.g.cs"), ".cs");

    [Fact]
    public void ConvolutionNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Conv, "TinyCnn.g.cs"), ".cs");

    [Fact]
    public void TemporalConvolutionNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Tcn, "TinyTcn.g.cs"), ".cs");

    [Fact]
    public void NormalizationAndDropoutNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.Normalized, "NormalizedCnn.g.cs"), ".cs");

    [Fact]
    public void StreamingNetwork() => Approvals.VerifyWithExtension(SingleGeneratedSource(TestNetworks.StreamingTcn, "StreamingTcn.g.cs"), ".cs");

    /// <summary>[Network(Weights)]: the network's file (its parameterless constructor loads the weights) and the weights' own (F16 in the file, float32 base64 in the source).</summary>
    [Fact]
    public void CompiledWeightsNetwork()
    {
        string file = CompiledWeightsTests.SaveTrained("trained.safetensors", TensorDtype.F16);
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(CompiledWeightsTests.Source("trained.safetensors")), file);
        GeneratedSourceResult[] sources = result.Results.Single().GeneratedSources.OrderBy(source => source.HintName, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(["ShippedNet.Weights.g.cs", "ShippedNet.g.cs"], sources.Select(source => source.HintName));
        Approvals.VerifyWithExtension(string.Concat(sources.Select(source => $"// ----- {source.HintName} -----\n" + source.SourceText)), ".cs");
    }

    /// <summary>The one file generated for <paramref name="source"/>, checked to carry the expected hint name.</summary>
    private static string SingleGeneratedSource(string source, string expectedHintName)
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        GeneratedSourceResult generated = Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Equal(expectedHintName, generated.HintName);
        return generated.SourceText.ToString();
    }
}
