using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0002: predicted gradient ratio R above 1e2, or forward variance growing more than 1e4 times over the stack.</summary>
public sealed class ExplodingGradientTests
{
    /// <summary>Raises NG0003's bound out of the way, so that the He-initialised linear stacks below show NG0002 alone.</summary>
    private const string InitGainOutOfTheWay = """
        root = true

        [*]
        netgen.init_gain_max = 1e6
        """;

    [Fact]
    public async Task FiresOnTheInitArgumentWhenForwardVarianceGrowsPast1e4()
    {
        // Linear layers with He: σ_w² = 2, so q doubles per layer; over 16 hidden layers ×6e4.
        string source = NetworkSource.Stack("LinearHeNet", depth: 16, "Linear", arguments: ", Init = Init.He")
            .Replace("[Dense(16, Activation.Linear, Init = Init.He)] public partial DenseLayer Hidden1 ",
                     "[Dense(16, Activation.Linear, {|NG0002:Init = Init.He|})] public partial DenseLayer Hidden1 ");
        await RunAsync(source, InitGainOutOfTheWay);
    }

    [Fact]
    public async Task FiresTogetherWithNG0003UnderTheDefaultThresholds()
    {
        // The same stack: its He init does not suit the linear activation either (G ≈ 3e4 > 1e3).
        string source = NetworkSource.Stack("LinearHeNet", depth: 16, "Linear", arguments: ", Init = Init.He")
            .Replace("[Dense(16, Activation.Linear, Init = Init.He)] public partial DenseLayer Hidden1 ",
                     "[Dense(16, Activation.Linear, {|#0:Init = Init.He|})] public partial DenseLayer Hidden1 ");
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Warning("NG0002").WithLocation(0),
            Verifier.Warning("NG0003").WithLocation(0));
    }

    [Fact]
    public async Task FiresFromTheFirstDepthWhoseForwardGrowthPassesTheLimitAndNotOneLayerShallower()
    {
        // At the time of writing: ×7.7e3 with 13 layers, ×1.5e4 with 14.
        static string Stack(int depth) => NetworkSource.Stack("LinearHeNet", depth, "Linear", arguments: ", Init = Init.He");
        int depth = ThresholdDepth.First(Stack, "LinearHeNet", (_, prediction) => prediction.ForwardGrowth > Thresholds.Default.ExplodingForwardGrowth);
        await RunAsync(Stack(depth), InitGainOutOfTheWay, Verifier.Warning("NG0002").WithSpan(7, 35, 7, 49));
        await RunAsync(Stack(depth - 1), InitGainOutOfTheWay);
    }

    [Fact]
    public async Task DoesNotFireAfterSwitchingToGlorot()
    {
        await Verifier.VerifyAnalyzerAsync(NetworkSource.Stack("LinearGlorotNet", depth: 16, "Linear", arguments: ", Init = Init.Glorot"));
    }

    [Fact]
    public async Task FiresOnTheWholeAttributeWhenAWideInputMeetsANarrowBottleneck()
    {
        // R² ≈ n₀·E[φ′²]·n_L·Var(W_out) / E[x₁²]: the first layer's 200000 weights carry ≈ 200 times the
        // gradient norm of the output's two. Init is not written, so the whole attribute is marked.
        const string source = """
            using NetGen;

            [Network]
            public partial class BottleneckNet
            {
                [Input(100000)] public partial InputLayer In { get; }
                [{|NG0002:Dense(2, Activation.Tanh)|}] public partial DenseLayer Code { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireForANarrowerInput()
    {
        // n₀ = 5000: R ≈ 47 ≤ 1e2 (R grows as √n₀; the crossing lies between 20000 and 40000 inputs).
        const string source = """
            using NetGen;

            [Network]
            public partial class BottleneckNet
            {
                [Input(5000)] public partial InputLayer In { get; }
                [Dense(2, Activation.Tanh)] public partial DenseLayer Code { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DoesNotFireAfterWideningTheBottleneck()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class BottleneckNet
            {
                [Input(100000)] public partial InputLayer In { get; }
                [Dense(64, Activation.Tanh)] public partial DenseLayer Code { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    private static async Task RunAsync(string source, string editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Verifier.AnalyzerTest { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
