using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1019, NG1020, NG1011: how recurrent layers may be stacked and what may follow them.</summary>
public sealed class RecurrentErrorTests
{
    [Fact]
    public async Task NG1019OnARecurrentLayerAfterOneThatReturnsOnlyItsLastStep()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class StackedNet
            {
                [Input(3)] public partial InputLayer In { get; }
                [Lstm(8)] public partial LstmLayer First { get; }
                [{|#0:Recurrent(4)|}] public partial RecurrentLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1019").WithLocation(0).WithArguments("Second"));
    }

    [Fact]
    public async Task NG1019OnARecurrentLayerAfterADenseLayerThatSeesTheLastStep()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class StackedNet
            {
                [Input(3)] public partial InputLayer In { get; }
                [Recurrent(8)] public partial RecurrentLayer First { get; }
                [Dense(8, Activation.Tanh)] public partial DenseLayer Middle { get; }
                [{|NG1019:Lstm(4)|}] public partial LstmLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1020OnAResidualBetweenAPerStepAndALastStepLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class MixedNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Embed { get; }
                [Recurrent(4)] public partial RecurrentLayer Memory { get; }
                [Dense(4, Activation.Tanh, {|#0:Residual = nameof(Embed)|})] public partial DenseLayer After { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1020").WithLocation(0).WithArguments("After", "Embed"));
    }

    [Fact]
    public async Task StackedRecurrentLayersThatReturnSequencesAreValid()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy, SequenceLength = 10)]
            public partial class StackedNet
            {
                [Input(3)] public partial InputLayer In { get; }
                [Dense(8, Activation.Tanh)] public partial DenseLayer Embed { get; }
                [Lstm(8, ReturnSequences = true, ForgetBias = 1f)] public partial LstmLayer First { get; }
                [Recurrent(4, ReturnSequences = true)] public partial RecurrentLayer Second { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
