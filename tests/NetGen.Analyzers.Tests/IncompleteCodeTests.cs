using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>Code being typed in an editor: the analyzer must not throw (AD0001) on any half-written network.</summary>
public sealed class IncompleteCodeTests
{
    private const string Header = "using NetGen;\n[Network]\npublic partial class Net\n{\n    [Input(4)] public partial InputLayer In { get; }\n";

    [Theory]
    [InlineData("[Dense(] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense()] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(16, Activation.)] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(Activation.Sigmoid)] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(\"four\")] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4, Residual = 42)] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4, Residual = null)] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4, Init = )] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4, Name = \"\")] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4)] public partial int Out { get; }")]
    [InlineData("[Dense(4)] public partial DenseLayer Out")]
    [InlineData("[Dense(4)] public partial DenseLayer this[int i] { get; }")]
    [InlineData("[Dense(4)] public partial DenseLayer Out { get; } [Dense(4)] public partial DenseLayer Out { get; }")]
    [InlineData("[Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden { get; } [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden2 { get; } [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden3 { get; } [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden4 { get; } [Dense(4, Activation.Sigmoid)] public partial DenseLayer Hidden5 { get; } [Dense(1, Activation.Sigmoid, Residual = nameof(Missing))] public partial DenseLayer Out { get; }")]
    public async Task TheAnalyzerDoesNotThrowOn(string layers)
    {
        await AssertNoAnalyzerExceptionAsync(Header + "    " + layers + "\n}\n");
    }

    [Theory]
    [InlineData("using NetGen;\n[Network(Loss = )] public partial class Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }")]
    [InlineData("using NetGen;\n[Network(Seed = \"x\")] public partial class Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }")]
    [InlineData("using NetGen;\n[Network] public partial class Net<T> { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }")]
    [InlineData("using NetGen;\n[Network] public partial struct Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; } }")]
    [InlineData("using NetGen;\n[Network] public partial interface INet { [Input(2)] public partial InputLayer In { get; } }")]
    [InlineData("using NetGen;\n[Network] public partial class Net { [Input(2)] public partial InputLayer In { get; } [Dense(1)] public partial DenseLayer Out { get; }")]
    [InlineData("using NetGen;\n[Network] partial class")]
    public async Task TheAnalyzerDoesNotThrowOnAHalfWrittenClass(string source)
    {
        await AssertNoAnalyzerExceptionAsync(source);
    }

    private static async Task AssertNoAnalyzerExceptionAsync(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(Verifier.LanguageVersion), path: "Net.cs");
        CSharpCompilation compilation = CSharpCompilation.Create("Incomplete", [tree], OfflineReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new NetworkAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.True(exceptions.IsEmpty, string.Join("\n\n", exceptions));
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
    }
}
