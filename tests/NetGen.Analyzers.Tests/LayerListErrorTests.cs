using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1002, NG1003, NG1013, NG1014: which layers a network has and what they are called.</summary>
public sealed class LayerListErrorTests
{
    [Fact]
    public async Task NG1002OnTheClassNameWhenThereIsNoInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|NG1002:XorNet|}
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1003OnAnInputAttributeAfterTheFirstLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [{|NG1003:Input(4)|}] public partial InputLayer Again { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1003OnAnInputDeclaredAfterADenseLayer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [{|#0:Input(2)|}] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1003").WithLocation(0).WithArguments("In"));
    }

    [Fact]
    public async Task NG1013OnTheNameArgumentThatRepeatsATensorName()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Dense(1, {|#0:Name = "Hidden"|})] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1013").WithLocation(0).WithArguments("Hidden", "Out", "Hidden"));
    }

    [Fact]
    public async Task NG1013OnThePropertyNameThatAnEarlierNameArgumentTook()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Name = "Out")] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer {|NG1013:Out|} { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1021OnALayerPropertyNamedLikeAGeneratedMember()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer {|#0:Summary|} { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1021").WithLocation(0).WithArguments("Summary"));
    }

    [Fact]
    public async Task NG1021NotForNamesThatOnlyResembleGeneratedMembers()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer Input { get; }
                [Dense(4)] public partial DenseLayer Output { get; }
                [Dense(1, Name = "Layers")] public partial DenseLayer Forwarding { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1014OnTheClassNameWhenThereIsOnlyAnInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|NG1014:EmptyNet|}
            {
                [Input(2)] public partial InputLayer In { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1002AndNG1014OnTheClassNameOfANetworkWithoutLayers()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|#0:EmptyNet|}
            {
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1002").WithLocation(0).WithArguments("EmptyNet"),
            Verifier.Diagnostic("NG1014").WithLocation(0).WithArguments("EmptyNet"));
    }
}
