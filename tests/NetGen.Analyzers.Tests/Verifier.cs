using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.CodeFixes;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// The one place that sets up analyzer and code-fix tests: offline references (<see cref="OfflineReferences"/>),
/// C# 13 (layers are partial properties) and the treatment of the one compiler error every test source has.
/// </summary>
internal static class Verifier
{
    /// <summary>
    /// CS9248 "Partial property must have an implementation part". In a real build the NetGen generator
    /// writes that part; these tests run only the analyzer, so every layer property lacks it. Only this
    /// error is dropped: any other compiler error in a test source (a typo, a wrong attribute argument)
    /// still fails the test, which would not be so with CompilerDiagnostics.None.
    /// </summary>
    public const string MissingPartialImplementation = "CS9248";

    public static readonly LanguageVersion LanguageVersion = LanguageVersion.CSharp13;

    /// <summary>An expected NetGen diagnostic whose message is compared once arguments are given (WithArguments).</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<NetworkAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>An expected warning checked by ID and location only, as markup does, for spans that carry two diagnostics.</summary>
    public static DiagnosticResult Warning(string id)
        => new DiagnosticResult(id, DiagnosticSeverity.Warning).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Applies the code action with <paramref name="equivalenceKey"/> and compares the result with <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey)
    {
        var test = new CodeFixTest { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An analyzer test with the shared configuration; add sources, .editorconfig files and expectations as usual.</summary>
    public sealed class AnalyzerTest : CSharpAnalyzerTest<NetworkAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() => Configure(this, TestState);

        protected override ParseOptions CreateParseOptions() => WithLanguageVersion(base.CreateParseOptions());

        protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics)
            => diagnostic.Id != MissingPartialImplementation && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);
    }

    /// <summary>A code-fix test with the shared configuration: the analyzer finds, <see cref="NetworkCodeFixProvider"/> fixes.</summary>
    public sealed class CodeFixTest : CSharpCodeFixTest<NetworkAnalyzer, NetworkCodeFixProvider, DefaultVerifier>
    {
        // FixedState and BatchFixedState inherit the references and the reference assemblies from TestState.
        public CodeFixTest() => Configure(this, TestState);

        protected override ParseOptions CreateParseOptions() => WithLanguageVersion(base.CreateParseOptions());

        protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics)
            => diagnostic.Id != MissingPartialImplementation && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, SolutionState state)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = OfflineReferences.ReferenceAssemblies;
        state.AdditionalReferences.AddRange(OfflineReferences.All);
    }

    private static ParseOptions WithLanguageVersion(ParseOptions options)
        => ((CSharpParseOptions)options).WithLanguageVersion(LanguageVersion);
}
