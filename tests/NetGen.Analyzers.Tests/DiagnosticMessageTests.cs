using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Globalization;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>What the warnings say, read as a user reads them in the build output.</summary>
public sealed class DiagnosticMessageTests
{
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(Verifier.LanguageVersion), path: "Network.cs");
        CSharpCompilation compilation = CSharpCompilation.Create("Messages", [tree], OfflineReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return await compilation.WithAnalyzers([new NetworkAnalyzer()]).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NG0001NamesTheLayerRangeTheCountAndThePredictedGradientRatio()
    {
        string source = NetworkSource.Stack("DeepSigmoidNet", depth: 6, "Sigmoid");
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(source));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("NG0001", diagnostic.Id);
        Assert.Contains("Hidden1–Hidden6", message);
        Assert.Contains("6 sigmoid layers", message);
        Assert.Contains("predicted gradient ratio", message);
        // The figure is the estimator's, in the catalog's short form (4.1e-04 at the time of writing).
        var (_, prediction) = NetworkModel.Estimate(source, "DeepSigmoidNet");
        Assert.Contains("predicted gradient ratio " + Model.Figures.Format(prediction.Ratio), message);
        Assert.Matches(@"predicted gradient ratio \d\.\de-0\d", message);
    }

    [Fact]
    public async Task NG0002NamesBatchNormWithoutSkipConnectionsWhenThatIsTheCause()
    {
        string source = NormalizationSource.Stack("DeepBatchNormNet", "BatchNorm", 32, "Relu");
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(source));
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);

        Assert.Equal("NG0002", diagnostic.Id);
        Assert.StartsWith("H1–Out: predicted gradient ratio ", message);
        Assert.EndsWith("over 65 layers; 32 BatchNorm layers without skip connections amplify the gradient at initialisation (add Residual connections)", message);
    }

    [Fact]
    public async Task NG0002NamesNoNormalisationCauseForAnInitThatDoesNotSuit()
    {
        // DeepLinear's He init (NG0002's page): the message ends with the layer count, as quoted there.
        string source = NetworkSource.Stack("LinearHeNet", depth: 16, "Linear", arguments: ", Init = Init.He");
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(source), d => d.Id == "NG0002");
        Assert.EndsWith("over 17 layers", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task EveryWarningHasAHelpLinkToItsPage()
    {
        string source = NetworkSource.Stack("DeepSigmoidNet", depth: 6, "Sigmoid");
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(source));
        Assert.Equal(DiagnosticDescriptors.HelpLinkRoot + "NG0001.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.EndsWith("/docs/diagnostics/", DiagnosticDescriptors.HelpLinkRoot);
        Assert.All(new NetworkAnalyzer().SupportedDiagnostics, descriptor => Assert.Equal(DiagnosticDescriptors.HelpLinkRoot + descriptor.Id + ".md", descriptor.HelpLinkUri));
    }

    [Fact]
    public async Task TheMessageIsTheSameUnderAnyCulture()
    {
        string source = NetworkSource.Stack("DeepSigmoidNet", depth: 6, "Sigmoid");
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fi-FI");
            string finnish = Assert.Single(await AnalyzeAsync(source)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string invariant = Assert.Single(await AnalyzeAsync(source)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(invariant, finnish);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
