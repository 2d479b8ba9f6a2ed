using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.CodeFixes;
using NetGen.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// NG0001's third fix, "Add BatchNorm after each hidden layer" (Ioffe &amp; Szegedy 2015): offered for feed-forward Dense
/// stacks without residuals only; each saturating hidden layer becomes linear and is followed by a BatchNorm with its
/// activation. The framework checks that the fixed code has no NG diagnostic left (NG0001 gone, nothing else raised).
/// </summary>
public sealed class BatchNormFixTests
{
    private const string EquivalenceKey = "NG0001.BatchNorm";

    private const string DeepSigmoid = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError)]
        public partial class DeepSigmoidNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Sigmoid, Init = Init.Glorot)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
            /// <summary>The middle of the stack.</summary>
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, activation: Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Sigmoid)] internal partial DenseLayer Hidden6 { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    private const string DeepSigmoidWithBatchNorm = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError)]
        public partial class DeepSigmoidNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16)] public partial DenseLayer Hidden1 { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Hidden1Norm { get; }
            [Dense(16, Init = Init.Glorot)] public partial DenseLayer Hidden2 { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Hidden2Norm { get; }
            [Dense(16)] public partial DenseLayer Hidden3 { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Hidden3Norm { get; }
            /// <summary>The middle of the stack.</summary>
            [Dense(16)] public partial DenseLayer Hidden4 { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Hidden4Norm { get; }
            [Dense(16)] public partial DenseLayer Hidden5 { get; }
            [BatchNorm(Activation.Sigmoid)] public partial BatchNormLayer Hidden5Norm { get; }
            [Dense(16)] internal partial DenseLayer Hidden6 { get; }
            [BatchNorm(Activation.Sigmoid)] internal partial BatchNormLayer Hidden6Norm { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task MakesEachHiddenLayerLinearAndFollowsItWithABatchNormOfItsActivation()
        => await Verifier.VerifyCodeFixAsync(DeepSigmoid, DeepSigmoidWithBatchNorm, EquivalenceKey);

    [Fact]
    public async Task KeepsAQualifiedSpellingAndPicksAFreeName()
    {
        // "Hidden1Norm" is taken by the output layer (sigmoid, which stays: the fix never touches the output layer): the
        // new layer is Hidden1Norm2.
        const string source = """
            [NetGen.Network(Loss = NetGen.Loss.BinaryCrossEntropy)]
            public partial class QualifiedNet
            {
                [NetGen.Input(8)] public partial NetGen.InputLayer In { get; }
                [NetGen.Dense(8, {|NG0001:NetGen.Activation.Sigmoid|})] public partial NetGen.DenseLayer Hidden1 { get; }
                [NetGen.Dense(8, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden2 { get; }
                [NetGen.Dense(8, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden3 { get; }
                [NetGen.Dense(8, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden4 { get; }
                [NetGen.Dense(8, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden5 { get; }
                [NetGen.Dense(8, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden6 { get; }
                [NetGen.Dense(1, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden1Norm { get; }
            }
            """;
        string expected = string.Join("\n", source.Split('\n').Select(line =>
            line.Contains("NetGen.Activation.Sigmoid") && line.Contains("Hidden") && line.Trim().StartsWith("[NetGen.Dense(8, ")
                ? Rewritten(line)
                : line));
        await Verifier.VerifyCodeFixAsync(source, expected, EquivalenceKey);

        static string Rewritten(string line)
        {
            string name = line.Substring(line.IndexOf("Hidden", StringComparison.Ordinal)).Split(' ')[0];
            string indent = line.Substring(0, line.Length - line.TrimStart().Length);
            return $"{indent}[NetGen.Dense(8)] public partial NetGen.DenseLayer {name} {{ get; }}\n"
                + $"{indent}[NetGen.BatchNorm(NetGen.Activation.Sigmoid)] public partial NetGen.BatchNormLayer {name}Norm{(name == "Hidden1" ? "2" : "")} {{ get; }}";
        }
    }

    [Fact]
    public void TheFixedNetworkCompilesAndItsMeasuredGradientNoLongerVanishes()
    {
        string plain = Unmarked(DeepSigmoid).Replace("DeepSigmoidNet", "PlainNet"), normalised = DeepSigmoidWithBatchNorm.Replace("DeepSigmoidNet", "NormalisedNet");
        var assembly = GeneratorHarness.CompileAndLoad(plain, normalised);
        Assert.InRange(MeasuredFlow.Ratio(assembly, "PlainNet"), 0, 0.01);
        Assert.InRange(MeasuredFlow.Ratio(assembly, "NormalisedNet"), 0.1, 100);
    }

    [Fact]
    public async Task FixAllAddsBatchNormToEveryNetworkOfTheDocument()
    {
        string second = DeepSigmoid.Replace("using NetGen;\n", "").Replace("DeepSigmoidNet", "OtherNet");
        string secondFixed = DeepSigmoidWithBatchNorm.Replace("using NetGen;\n", "").Replace("DeepSigmoidNet", "OtherNet");
        var test = new Verifier.CodeFixTest
        {
            TestCode = DeepSigmoid + "\n" + second,
            FixedCode = DeepSigmoidWithBatchNorm + "\n" + secondFixed,
            BatchFixedCode = DeepSigmoidWithBatchNorm + "\n" + secondFixed,
            CodeActionEquivalenceKey = EquivalenceKey,
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task IsNotOfferedOnAConvolutionStack()
    {
        Diagnostic vanishing = await SingleAsync(NetworkSource.ConvStack("DeepSigmoidConv", 6, "Sigmoid"));
        Assert.DoesNotContain(NetworkCodeFixProvider.FixesFor(vanishing), fix => fix.EquivalenceKey == EquivalenceKey);
    }

    [Fact]
    public async Task IsNotNeededOnARecurrentNetworkWhereNG0001IsNotEvaluated()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 4)]
            public partial class RecurrentSigmoidNet
            {
                [Input(8)] public partial InputLayer In { get; }
                [Recurrent(16)] public partial RecurrentLayer Memory { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        // The same six sigmoid layers after a recurrent layer: NG0001 is not evaluated for such networks (nor is batch
        // normalisation supported there: NG1022), so neither it nor its fixes appear.
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task IsOfferedBesideTheOtherTwoOnADenseStack()
    {
        Diagnostic vanishing = await SingleAsync(Unmarked(DeepSigmoid));
        Assert.Equal(["NG0001.Relu", "NG0001.Residual", EquivalenceKey], NetworkCodeFixProvider.FixesFor(vanishing).Select(fix => fix.EquivalenceKey));
    }

    private static string Unmarked(string source) => source.Replace("{|NG0001:", "").Replace("|}", "");

    /// <summary>The one <paramref name="id"/> the analyzer reports for <paramref name="source"/>, with its fix plan.</summary>
    internal static async Task<Diagnostic> SingleAsync(string source, string id = "NG0001")
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(Verifier.LanguageVersion), path: "Network.cs");
        CSharpCompilation compilation = CSharpCompilation.Create("Fixes", [tree], OfflineReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await compilation.WithAnalyzers([new NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return Assert.Single(diagnostics, d => d.Id == id);
    }
}
