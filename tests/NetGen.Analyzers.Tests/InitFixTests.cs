using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0003's fix: each mismatched layer gets the init that suits its activation.</summary>
public sealed class InitFixTests
{
    [Fact]
    public async Task SetsHeOnEveryMismatchedReluLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ReluGlorotNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, {|NG0003:Init = Init.Glorot|})] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Init = Init.LeCun)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden6 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden7 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden8 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden9 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden10 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot /* was tuned */)] public partial DenseLayer Hidden11 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden12 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden13 { get; }
                [Dense(16, Activation.Relu, Init = Init.Glorot)] public partial DenseLayer Hidden14 { get; }
                [Dense(1, Init = Init.Glorot)] public partial DenseLayer Out { get; }
            }
            """;
        const string fixedSource = """
            using NetGen;

            [Network]
            public partial class ReluGlorotNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden7 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden8 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden9 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden10 { get; }
                [Dense(16, Activation.Relu, Init = Init.He /* was tuned */)] public partial DenseLayer Hidden11 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden12 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden13 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden14 { get; }
                [Dense(1, Init = Init.Glorot)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0003.Init");
    }

    [Fact]
    public async Task SetsGlorotOnLinearLayersInitialisedWithHe()
    {
        string source = NetworkSource.Stack("LinearHeNet", depth: 13, "Linear", arguments: ", Init = Init.He")
            .Replace("[Dense(16, Activation.Linear, Init = Init.He)] public partial DenseLayer Hidden1 ",
                     "[Dense(16, Activation.Linear, {|NG0003:Init = Init.He|})] public partial DenseLayer Hidden1 ");
        string fixedSource = NetworkSource.Stack("LinearHeNet", depth: 13, "Linear", arguments: ", Init = Init.Glorot");
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0003.Init");
    }
}
