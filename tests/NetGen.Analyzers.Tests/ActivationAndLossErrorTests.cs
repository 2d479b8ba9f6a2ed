using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1010, NG1011, NG1016: activations, losses and enum values.</summary>
public sealed class ActivationAndLossErrorTests
{
    [Fact]
    public async Task NG1010OnASoftmaxActivationBeforeTheLastLayer()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            public partial class ClassifierNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(3, {|#0:Activation.Softmax|})] public partial DenseLayer Hidden { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1010").WithLocation(0).WithArguments("Hidden"));
    }

    [Fact]
    public async Task NG1011OnTheOutputActivationThatCrossEntropyCannotUse()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            public partial class ClassifierNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(3, {|#0:Activation.Sigmoid|})] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1011").WithLocation(0).WithArguments("CrossEntropy", "Softmax", "Out", "Sigmoid"));
    }

    [Fact]
    public async Task NG1011OnTheWholeOutputAttributeWhenBinaryCrossEntropyMeetsALinearOutput()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.BinaryCrossEntropy)]
            public partial class ClassifierNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [{|#0:Dense(1)|}] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1011").WithLocation(0).WithArguments("BinaryCrossEntropy", "Sigmoid", "Out", "Linear"));
    }

    [Fact]
    public async Task NG1011OnASoftmaxOutputTrainedWithMeanSquaredError()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ClassifierNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(3, {|NG1011:Activation.Softmax|})] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1016OnAnUndefinedActivation()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class OddNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(3, {|#0:(Activation)42|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1016").WithLocation(0).WithArguments("42", "Activation"));
    }

    [Fact]
    public async Task NG1016OnAnUndefinedInit()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class OddNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(3, Activation.Tanh, {|#0:Init = (Init)99|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1016").WithLocation(0).WithArguments("99", "Init"));
    }

    [Fact]
    public async Task NG1016OnAnUndefinedLoss()
    {
        const string source = """
            using NetGen;

            [Network({|#0:Loss = (Loss)7|})]
            public partial class OddNet
            {
                [Input(4)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1016").WithLocation(0).WithArguments("7", "Loss"));
    }
}
