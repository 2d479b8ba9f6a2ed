using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0001's first fix: every layer of the sigmoid stack becomes ReLU with He initialisation.</summary>
public sealed class ReluFixTests
{
    private const string DeepSigmoid = """
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

    private const string DeepRelu = """
        using NetGen;

        [Network(Loss = Loss.MeanSquaredError)]
        public partial class DeepSigmoidNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task SwitchesEveryLayerOfTheStackByEquivalenceKey()
    {
        await Verifier.VerifyCodeFixAsync(DeepSigmoid, DeepRelu, "NG0001.Relu");
    }

    [Fact]
    public async Task IsTheFirstCodeAction()
    {
        var test = new Verifier.CodeFixTest { TestCode = DeepSigmoid, FixedCode = DeepRelu, CodeActionIndex = 0 };
        await test.RunAsync();
    }

    [Fact]
    public async Task ReplacesAWrittenInitAndKeepsTheOtherArguments()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, {|NG0001:Activation.Sigmoid|}, Init = Init.Glorot, Name = "h1")] public partial DenseLayer Hidden1 { get; }
                [Dense(16, activation: Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Sigmoid, Name = "h3")] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network]
            public partial class DeepSigmoidNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, Init = Init.He, Name = "h1")] public partial DenseLayer Hidden1 { get; }
                [Dense(16, activation: Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Name = "h3", Init = Init.He)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0001.Relu");
    }

    [Fact]
    public async Task WritesInitTheWayTheActivationIsWritten()
    {
        const string source = """
            [NetGen.Network]
            public partial class DeepSigmoidNet
            {
                [NetGen.Input(16)] public partial NetGen.InputLayer In { get; }
                [NetGen.Dense(16, {|NG0001:NetGen.Activation.Sigmoid|})] public partial NetGen.DenseLayer Hidden1 { get; }
                [NetGen.Dense(16, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden2 { get; }
                [NetGen.Dense(16, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden3 { get; }
                [NetGen.Dense(16, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden4 { get; }
            [NetGen.Dense(16, NetGen.Activation.Sigmoid)] public partial NetGen.DenseLayer Hidden5 { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            [NetGen.Network]
            public partial class DeepSigmoidNet
            {
                [NetGen.Input(16)] public partial NetGen.InputLayer In { get; }
                [NetGen.Dense(16, NetGen.Activation.Relu, Init = NetGen.Init.He)] public partial NetGen.DenseLayer Hidden1 { get; }
                [NetGen.Dense(16, NetGen.Activation.Relu, Init = NetGen.Init.He)] public partial NetGen.DenseLayer Hidden2 { get; }
                [NetGen.Dense(16, NetGen.Activation.Relu, Init = NetGen.Init.He)] public partial NetGen.DenseLayer Hidden3 { get; }
                [NetGen.Dense(16, NetGen.Activation.Relu, Init = NetGen.Init.He)] public partial NetGen.DenseLayer Hidden4 { get; }
            [NetGen.Dense(16, NetGen.Activation.Relu, Init = NetGen.Init.He)] public partial NetGen.DenseLayer Hidden5 { get; }
                [NetGen.Dense(1)] public partial NetGen.DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0001.Relu");
    }
}
