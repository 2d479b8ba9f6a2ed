using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>Every network gets its own generated file, whatever its name looks like after escaping.</summary>
public class HintNameTests
{
    [Fact]
    public void NamesThatOnceEscapedAlikeStillGetTheirOwnFiles()
    {
        const string source = """
            using NetGen;
            [Network] public partial class Net<T> { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }
            [Network] public partial class Net_T_ { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }
            public partial class Outer { [Network] public partial class Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } } }
            [Network] public partial class Outer_Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }
            """;
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));

        GeneratorRunResult run = result.Results.Single();
        Assert.Null(run.Exception);
        Assert.Equal(["Net_T_.g.cs", "Net{1}.g.cs", "Outer-Net.g.cs", "Outer_Net.g.cs"], run.GeneratedSources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
