using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0007: a sigmoid output trained with mean squared error.</summary>
public sealed class SaturatingOutputWithMseTests
{
    [Fact]
    public async Task FiresOnTheLossArgument()
    {
        const string source = """
            using NetGen;

            [Network({|NG0007:Loss = Loss.MeanSquaredError|}, Seed = 7)]
            public partial class ClassifierNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task FiresOnTheWholeNetworkAttributeWhenTheDefaultLossIsUsed()
    {
        const string source = """
            using NetGen;

            [{|#0:Network(Seed = 7)|}]
            public partial class ClassifierNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0007").WithLocation(0).WithArguments("Out", "sigmoid", "Loss.BinaryCrossEntropy"));
    }

    [Fact]
    public async Task DoesNotFireForATanhOutput()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class RegressorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Tanh)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireForASigmoidHiddenLayer()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.MeanSquaredError)]
            public partial class RegressorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireAfterSwitchingToBinaryCrossEntropy()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
            public partial class ClassifierNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
