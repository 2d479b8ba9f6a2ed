using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG0005: residual connections without scaling whose activations' mean square grows more than 1e3 times.</summary>
public sealed class ResidualGrowthTests
{
    /// <summary>
    /// ReLU layers of 16 units (He, through Init.Auto), each but the first adding the previous layer's output:
    /// every block at least doubles E[a²]. <paramref name="branchInit"/> is written on the residual layers.
    /// </summary>
    private static string ResidualChain(int depth, string branchInit = "", bool markFirstResidual = false)
    {
        var text = new StringBuilder();
        text.Append("using NetGen;\n\n[Network]\npublic partial class ResidualNet\n{\n");
        text.Append("    [Input(16)] public partial InputLayer In { get; }\n");
        text.Append("    [Dense(16, Activation.Relu)] public partial DenseLayer Hidden1 { get; }\n");
        for (int layer = 2; layer <= depth; layer++)
        {
            string residual = $"Residual = nameof(Hidden{layer - 1})";
            if (layer == 2 && markFirstResidual) residual = "{|NG0005:" + residual + "|}";
            text.Append($"    [Dense(16, Activation.Relu, {residual}{branchInit})] public partial DenseLayer Hidden{layer} {{ get; }}\n");
        }
        text.Append("    [Dense(1)] public partial DenseLayer Out { get; }\n}\n");
        return text.ToString();
    }

    [Fact]
    public async Task FiresOnTheFirstResidualArgumentForThirteenDoublingBlocks()
    {
        // Fourteen layers, thirteen residual connections: E[a²] grows at least 2^13 ≈ 8e3 times.
        await Verifier.VerifyAnalyzerAsync(ResidualChain(depth: 14, markFirstResidual: true));
    }

    [Fact]
    public async Task ReportsTheResidualLayersAndTheGrowth()
    {
        string source = ResidualChain(depth: 14);
        var (spec, prediction) = NetworkModel.Estimate(source, "ResidualNet");
        string growth = Model.Figures.Format(ThresholdDepth.ActivationGrowth(spec, prediction));
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG0005").WithSpan(8, 33, 8, 59).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("Hidden2–Hidden14", "13", growth));
    }

    [Fact]
    public async Task FiresFromTheFirstDepthWhoseGrowthPassesTheLimitAndNotOneLayerShallower()
    {
        static string Chain(int depth) => ResidualChain(depth);
        int depth = ThresholdDepth.First(Chain, "ResidualNet",
            (spec, prediction) => ThresholdDepth.ActivationGrowth(spec, prediction) > Thresholds.Default.ResidualGrowth);
        await Verifier.VerifyAnalyzerAsync(Chain(depth), Verifier.Warning("NG0005").WithSpan(8, 33, 8, 59));
        await Verifier.VerifyAnalyzerAsync(Chain(depth - 1));
    }

    [Fact]
    public async Task DoesNotFireForTwoBlocks()
    {
        await Verifier.VerifyAnalyzerAsync(ResidualChain(depth: 3));
    }

    [Fact]
    public async Task DoesNotFireAfterZeroInitialisingTheBranches()
    {
        // Each residual branch starts at zero (as Fixup, ReZero or zero-γ do), so every block starts as the identity.
        await Verifier.VerifyAnalyzerAsync(ResidualChain(depth: 14, branchInit: ", Init = Init.Zeros"));
    }
}
