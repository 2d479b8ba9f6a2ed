using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1001, NG1009, NG1012, NG1015: how the class and its layer properties are declared.</summary>
public sealed class DeclarationErrorTests
{
    [Fact]
    public async Task NG1001OnTheNameOfAClassThatIsNotPartial()
    {
        // Partial properties in a non-partial class are also a compiler error (CS0751); NetGen says why it matters.
        const string source = """
            using NetGen;

            [Network]
            public class {|NG1001:XorNet|}
            {
                [Input(2)] public partial InputLayer {|CS0751:In|} { get; }
                [Dense(1)] public partial DenseLayer {|CS0751:Out|} { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1009OnTheTypeOfAPropertyThatDoesNotMatchItsAttribute()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial {|#0:InputLayer|} Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1009").WithLocation(0).WithArguments("Hidden", "DenseLayer", "Dense", "NetGen.InputLayer"));
    }

    [Fact]
    public async Task NG1012OnTheNameOfAPropertyThatIsNotPartial()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public DenseLayer {|NG1012:Hidden|} { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1012OnTheNameOfAPartialPropertyWithASetter()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer {|NG1012:Hidden|} { get; set; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1012OnTheNameOfAStaticPartialProperty()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public static partial DenseLayer {|NG1012:Hidden|} { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1015OnTheNetworkNameWhenAContainingTypeIsNotPartial()
    {
        const string source = """
            using NetGen;

            public class Outer
            {
                [Network]
                public partial class {|#0:XorNet|}
                {
                    [Input(2)] public partial InputLayer In { get; }
                    [Dense(1)] public partial DenseLayer Out { get; }
                }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1015").WithLocation(0).WithArguments("XorNet", "Outer"));
    }

    [Fact]
    public async Task ANetworkNestedInPartialTypesIsValid()
    {
        const string source = """
            using NetGen;

            namespace Models;

            public static partial class Outer
            {
                internal partial class Middle
                {
                    [Network]
                    public partial class XorNet
                    {
                        [Input(2)] public partial InputLayer In { get; }
                        [Dense(1)] public partial DenseLayer Out { get; }
                    }
                }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
