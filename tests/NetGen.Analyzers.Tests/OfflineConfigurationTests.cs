using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>The testing packages are configured so that they never ask NuGet for reference assemblies.</summary>
public sealed class OfflineConfigurationTests
{
    [Fact]
    public void TheReferenceAssembliesNameAFrameworkButNoPackage()
    {
        var referenceAssemblies = OfflineReferences.ReferenceAssemblies;
        Assert.Equal("net10.0", referenceAssemblies.TargetFramework);
        Assert.Null(referenceAssemblies.ReferenceAssemblyPackage);
        Assert.Empty(referenceAssemblies.Packages);
        Assert.Empty(referenceAssemblies.Assemblies);
    }

    [Fact]
    public void TheNuGetSettingsTheyWouldUseHaveNoSourceAndAnEmptyPackagesFolder()
    {
        string config = File.ReadAllText(OfflineReferences.ReferenceAssemblies.NuGetConfigFilePath!);
        Assert.Contains("<clear />", config);
        Assert.Contains(OfflineReferences.EmptyPackagesFolder, config);
    }

    [Fact]
    public async Task ResolvingThemYieldsNothingAndDownloadsNothing()
    {
        ImmutableArray<MetadataReference> resolved = await OfflineReferences.ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        Assert.Empty(resolved);
        Assert.Empty(Directory.EnumerateFileSystemEntries(OfflineReferences.EmptyPackagesFolder));
    }

    [Fact]
    public void TheCompilationReferencesAreNet10AndTheNetGenRuntime()
    {
        // Basic.Reference.Assemblies' references are in-memory images displayed as "Name (net100)"; NetGen's is its file.
        string[] names = OfflineReferences.All.Select(reference => reference.Display ?? "").ToArray();
        Assert.Contains("System.Runtime (net100)", names);
        Assert.Contains("System.Console (net100)", names);
        Assert.Single(names, name => Path.GetFileName(name) == "NetGen.dll" && File.Exists(name));
    }

    [Fact]
    public async Task TheSharedTestConfigurationCompilesANetworkWithNoErrorButTheMissingImplementations()
    {
        // The one error every test source has is CS9248 (the generator does not run here); nothing else.
        const string source = """
            using NetGen;

            [Network(Loss = Loss.BinaryCrossEntropy)]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)] public partial DenseLayer Out { get; }
            }
            """;
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Offline",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Verifier.LanguageVersion))],
            OfflineReferences.All, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        string[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().ToArray();
        Assert.Equal([Verifier.MissingPartialImplementation], errors);
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
