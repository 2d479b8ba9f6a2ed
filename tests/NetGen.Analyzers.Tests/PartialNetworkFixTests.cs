using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>A network whose layers are declared in two files (two partial declarations of the class).</summary>
public sealed class PartialNetworkFixTests
{
    private const string FirstHalf = """
        using NetGen;

        [Network]
        public partial class SplitNet
        {
            [Input(16)] public partial InputLayer In { get; }
            [Dense(16, {|NG0001:Activation.Sigmoid|})] public partial DenseLayer Hidden1 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; }
        }
        """;

    private const string SecondHalf = """
        using NetGen;

        public partial class SplitNet
        {
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; }
            [Dense(16, Activation.Sigmoid)] public partial DenseLayer Hidden6 { get; }
            [Dense(1)] public partial DenseLayer Out { get; }
        }
        """;

    [Fact]
    public async Task TheAnalyzerJudgesTheWholeNetworkAcrossFiles()
    {
        var test = new Verifier.AnalyzerTest();
        test.TestState.Sources.Add(("/0/SplitNet.A.cs", FirstHalf));
        test.TestState.Sources.Add(("/0/SplitNet.B.cs", SecondHalf));
        await test.RunAsync();
    }

    [Fact]
    public async Task TheReluFixSwitchesTheLayersInBothFiles()
    {
        var test = new Verifier.CodeFixTest { CodeActionEquivalenceKey = "NG0001.Relu" };
        test.TestState.Sources.Add(("/0/SplitNet.A.cs", FirstHalf));
        test.TestState.Sources.Add(("/0/SplitNet.B.cs", SecondHalf));
        test.FixedState.Sources.Add(("/0/SplitNet.A.cs", """
            using NetGen;

            [Network]
            public partial class SplitNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden3 { get; }
            }
            """));
        test.FixedState.Sources.Add(("/0/SplitNet.B.cs", """
            using NetGen;

            public partial class SplitNet
            {
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden4 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden5 { get; }
                [Dense(16, Activation.Relu, Init = Init.He)] public partial DenseLayer Hidden6 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """));
        await test.RunAsync();
    }
}
