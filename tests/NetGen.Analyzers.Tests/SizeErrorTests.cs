using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1004, NG1005: layer sizes and the size of the whole network.</summary>
public sealed class SizeErrorTests
{
    [Fact]
    public async Task NG1004OnAZeroUnitsArgument()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense({|#0:0|}, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1004").WithLocation(0).WithArguments("Hidden", "0"));
    }

    [Fact]
    public async Task NG1004OnANegativeInputSizeWrittenWithItsParameterName()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input({|NG1004:size: -2|})] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1005OnALayerWiderThanTheLimit()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class WideNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense({|#0:20_000_000|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1005").WithLocation(0).WithArguments("Hidden", "20000000 units", "16777216 units"));
    }

    [Fact]
    public async Task NG1005OnTheUnitsOfTheLayerThatTakesTheNetworkPastTheParameterLimit()
    {
        // 20000 × (20000 + 1) ≈ 4.0e8 parameters > 2^28.
        const string source = """
            using NetGen;

            [Network]
            public partial class HugeNet
            {
                [Input(20000)] public partial InputLayer In { get; }
                [Dense({|#0:20000|})] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1005").WithLocation(0).WithArguments("Hidden", "400020000 parameters", "268435456 parameters"));
    }

    [Fact]
    public async Task TheLargestLayerAcceptedIsValid()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class WideNet
            {
                [Input(16777216)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
