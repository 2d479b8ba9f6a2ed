using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1018: a network must be a plain (non-abstract, non-static, non-record) partial class.</summary>
public sealed class ClassKindErrorTests
{
    [Fact]
    public async Task NG1018OnTheNameOfAnAbstractClass()
    {
        const string source = """
            using NetGen;

            [Network]
            public abstract partial class {|#0:XorNet|}
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1018").WithLocation(0).WithArguments("XorNet", "abstract"));
    }

    [Fact]
    public async Task NG1018OnTheNameOfARecord()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial record {|#0:XorNet|}
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1018").WithLocation(0).WithArguments("XorNet", "a record"));
    }

    [Fact]
    public async Task NG1018OnTheNameOfAStaticClass()
    {
        // A static class cannot hold the instance layer properties at all (CS0708); NG1018 says what NetGen needs.
        const string source = """
            using NetGen;

            [Network]
            public static partial class {|#0:XorNet|}
            {
                [Input(2)] public partial InputLayer {|CS0708:In|} { get; }
                [Dense(1)] public partial DenseLayer {|CS0708:Out|} { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1018").WithLocation(0).WithArguments("XorNet", "static"));
    }
}
