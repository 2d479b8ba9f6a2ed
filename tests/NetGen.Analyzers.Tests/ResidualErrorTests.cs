using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1006, NG1007, NG1008, NG1017: what a Residual argument may name.</summary>
public sealed class ResidualErrorTests
{
    [Fact]
    public async Task NG1006OnAResidualThatNamesNoLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(4, Activation.Relu, {|#0:Residual = "Nowhere"|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1006").WithLocation(0).WithArguments("Hidden", "Nowhere"));
    }

    [Fact]
    public async Task NG1007OnAResidualThatNamesALaterLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(4, Activation.Relu, {|NG1007:Residual = nameof(Hidden2)|})] public partial DenseLayer Hidden1 { get; }
                [Dense(4, Activation.Relu)] public partial DenseLayer Hidden2 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1007OnAResidualThatNamesItsOwnLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(4, Activation.Relu, {|NG1007:Residual = nameof(Hidden)|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1008OnAResidualOfAnotherSize()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(8, Activation.Relu)] public partial DenseLayer Hidden1 { get; }
                [Dense(4, Activation.Relu, {|#0:Residual = nameof(Hidden1)|})] public partial DenseLayer Hidden2 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1008").WithLocation(0).WithArguments("Hidden2", "(None, 4)", "Hidden1", "(None, 8)"));
    }

    [Fact]
    public async Task NG1017OnAResidualOnAProbabilityOutput()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.BinaryCrossEntropy)]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(1, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid, {|#0:Residual = nameof(Hidden)|})] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1017").WithLocation(0).WithArguments("Out", "BinaryCrossEntropy"));
    }

    [Fact]
    public async Task AResidualToTheInputIsValid()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(4, Activation.Relu, Residual = nameof(In))] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
