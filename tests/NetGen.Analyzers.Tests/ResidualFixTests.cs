using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0001's second fix: a residual connection every two layers of the stack, where sizes match.</summary>
public sealed class ResidualFixTests
{
    [Fact]
    public async Task AddsAResidualEveryTwoLayersOfASixLayerStack()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden1))] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden3))] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0001.Residual");
    }

    [Fact]
    public async Task AddsResidualsEveryTwoLayersAndSkipsAPairWhoseSizesDiffer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden7 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        // Hidden3 ← Hidden1 and Hidden7 ← Hidden5; Hidden5 (8 units) cannot take Hidden3 (16).
        const string fixedSource = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden1))] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(8, Activation.Sigmoid, Residual = nameof(Hidden5))] public partial DenseLayer Hidden7 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0001.Residual");
    }

    [Fact]
    public async Task IsTheSecondCodeAction()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden1))] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid, Residual = nameof(Hidden3))] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var test = new Verifier.CodeFixTest { TestCode = source, FixedCode = fixedSource, CodeActionIndex = 1, CodeActionEquivalenceKey = "NG0001.Residual" };
        await test.RunAsync();
    }

    [Fact]
    public async Task IsNotOfferedWhenNoTwoLayersTwoApartHaveTheSameSize()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class NarrowingNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(12, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
                [Dense(12, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(8, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        // The fixed state equal to the test state: no code action with this key may be offered.
        var test = new Verifier.CodeFixTest { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = "NG0001.Residual" };
        await test.RunAsync();
    }
}
