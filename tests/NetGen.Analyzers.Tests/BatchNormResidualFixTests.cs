using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NetGen.CodeFixes;
using NetGen.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0002's fix "Add residual connections around the BatchNorm blocks", offered only when the analyzer names batch
/// normalisation without skip connections as the cause: each BatchNorm whose output shape is that of the BatchNorm before
/// it gets <c>Residual = nameof(that one)</c> (the ResNet form, He et al. 2016); the first block, and a block where the
/// width changes, get none. The framework checks that the fixed code has no NG diagnostic left.
/// </summary>
public sealed class BatchNormResidualFixTests
{
    private const string EquivalenceKey = "NG0002.Residual";

    private const string Marked = "{|NG0002:Dense(64)|}";

    [Theory]
    [InlineData("Relu", 32)]
    [InlineData("Tanh", 50)]
    public async Task AddsAResidualFromEachBatchNormToTheOneBefore(string activation, int depth)
        => await Verifier.VerifyCodeFixAsync(
            NormalizationSource.Stack("DeepBatchNormNet", "BatchNorm", depth, activation, firstAttribute: Marked),
            NormalizationSource.Stack("DeepBatchNormNet", "BatchNorm", depth, activation, residual: true),
            EquivalenceKey);

    [Fact]
    public async Task SkipsTheBlockWhereTheWidthChanges()
    {
        // Blocks 17–32 are 32 wide: N17's output (32) differs from N16's (64), so N17 starts a new run without a residual.
        static string Narrowed(string source)
        {
            for (int l = 17; l <= 32; l++)
                source = source.Replace($"[Dense(64)] public partial DenseLayer H{l} ", $"[Dense(32)] public partial DenseLayer H{l} ");
            return source;
        }
        string source = Narrowed(NormalizationSource.Stack("NarrowingNet", "BatchNorm", 32, "Relu", firstAttribute: Marked));
        string expected = Narrowed(NormalizationSource.Stack("NarrowingNet", "BatchNorm", 32, "Relu", residual: true)).Replace(", Residual = nameof(N16)", "");
        Assert.Contains("[BatchNorm(Activation.Relu)] public partial BatchNormLayer N17 ", expected);
        await Verifier.VerifyCodeFixAsync(source, expected, EquivalenceKey);
    }

    [Fact]
    public async Task WorksOnAConvolutionStack()
        => await Verifier.VerifyCodeFixAsync(
            NormalizationSource.ConvStack("DeepConvNormNet", ConvDepth, "Relu", firstAttribute: "{|NG0002:Conv2D(16, 3, Same = true)|}"),
            NormalizationSource.ConvStack("DeepConvNormNet", ConvDepth, "Relu", residual: true),
            EquivalenceKey);

    /// <summary>Deep enough for the convolution stack to fire (R ≈ 410 predicted; 32 blocks give 86, under the bar).</summary>
    private const int ConvDepth = 40;

    [Fact]
    public async Task FixAllAddsResidualsToEveryNetworkOfTheDocument()
    {
        string first = NormalizationSource.Stack("FirstNet", "BatchNorm", 32, "Relu", firstAttribute: Marked);
        string second = NormalizationSource.Stack("SecondNet", "BatchNorm", 50, "Tanh", firstAttribute: Marked).Replace("using NetGen;\n", "");
        string fixedCode = NormalizationSource.Stack("FirstNet", "BatchNorm", 32, "Relu", residual: true) + "\n"
            + NormalizationSource.Stack("SecondNet", "BatchNorm", 50, "Tanh", residual: true).Replace("using NetGen;\n", "");
        var test = new Verifier.CodeFixTest
        {
            TestCode = first + "\n" + second,
            FixedCode = fixedCode,
            BatchFixedCode = fixedCode,
            CodeActionEquivalenceKey = EquivalenceKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task IsOfferedForTheBatchNormCause()
    {
        Diagnostic exploding = await BatchNormFixTests.SingleAsync(NormalizationSource.Stack("DeepBatchNormNet", "BatchNorm", 32, "Relu"), "NG0002");
        Assert.EndsWith("amplify the gradient at initialisation (add Residual connections)", exploding.GetMessage());
        Assert.Equal([EquivalenceKey], NetworkCodeFixProvider.FixesFor(exploding).Select(fix => fix.EquivalenceKey));
    }

    [Fact]
    public async Task IsNotOfferedForAnInitExplosion()
    {
        // Linear layers with He init (NG0002's page example): F ≈ 1.6e4, no batch normalisation; NG0003's fix is the cure.
        string source = "using NetGen;\n\n[Network]\npublic partial class DeepLinear\n{\n    [Input(64)] public partial InputLayer In { get; }\n"
            + string.Concat(Enumerable.Range(1, 14).Select(l => $"    [Dense(64, Init = Init.He)] public partial DenseLayer Hidden{l} {{ get; }}\n"))
            + "    [Dense(1)] public partial DenseLayer Out { get; }\n}\n";
        Diagnostic exploding = await BatchNormFixTests.SingleAsync(source, "NG0002");
        Assert.DoesNotContain("BatchNorm", exploding.GetMessage());
        Assert.Empty(NetworkCodeFixProvider.FixesFor(exploding));
    }

    [Theory]
    [InlineData("Dense")]
    [InlineData("Conv")]
    public void TheFixedNetworkCompilesAndItsMeasuredGradientNoLongerExplodes(string block)
    {
        string Source(string name, bool residual) => block == "Dense"
            ? NormalizationSource.Stack(name, "BatchNorm", 32, "Relu", residual)
            : NormalizationSource.ConvStack(name, ConvDepth, "Relu", residual);
        var assembly = GeneratorHarness.CompileAndLoad(Source("PlainNet", false), Source("ResidualNet", true));
        // Measured: dense 1020 → 4.7, conv 180 → 0.32; the fixed R stays a decade inside NG0002's bar of 100.
        Assert.InRange(MeasuredFlow.Ratio(assembly, "PlainNet"), 100, double.PositiveInfinity);
        Assert.InRange(MeasuredFlow.Ratio(assembly, "ResidualNet"), 0.1, 10);
    }
}
