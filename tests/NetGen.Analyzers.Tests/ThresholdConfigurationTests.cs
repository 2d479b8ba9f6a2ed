using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>The thresholds and severities users set in .editorconfig.</summary>
public sealed class ThresholdConfigurationTests
{
    /// <summary>Six sigmoid layers: R ≈ 4.1e-4, far below the default 1e-2.</summary>
    private static readonly string DeepSigmoid = NetworkSource.Stack("DeepSigmoidNet", depth: 6, "Sigmoid");

    private static Task RunAsync(string source, string editorConfig, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verifier.AnalyzerTest { TestCode = source };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task A_lower_vanishing_ratio_silences_NG0001()
    {
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = 1e-9");
    }

    [Fact]
    public async Task A_vanishing_ratio_just_below_the_prediction_silences_NG0001_and_one_just_above_does_not()
    {
        var (_, prediction) = NetworkModel.Estimate(DeepSigmoid, "DeepSigmoidNet");
        string below = (prediction.Ratio * 0.99).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string above = (prediction.Ratio * 1.01).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = " + below);
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = " + above,
            Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task A_higher_vanishing_ratio_makes_a_shallow_stack_fire()
    {
        // Three sigmoid layers (R ≈ 0.031) pass the default 1e-2 but not 0.1.
        await RunAsync(NetworkSource.Stack("ShallowSigmoidNet", depth: 3, "Sigmoid"), "netgen.vanishing_ratio = 0.1",
            Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task Severity_none_silences_NG0001()
    {
        await RunAsync(DeepSigmoid, "dotnet_diagnostic.NG0001.severity = none");
    }

    [Theory]
    [InlineData("netgen.vanishing_ratio = 0")]
    [InlineData("netgen.vanishing_ratio = -1")]
    [InlineData("netgen.vanishing_ratio = lots")]
    [InlineData("netgen.vanishing_ratio = 1,5")]
    public async Task A_value_that_is_not_a_positive_number_keeps_the_default(string setting)
    {
        await RunAsync(DeepSigmoid, setting, Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task A_section_for_other_files_does_not_apply()
    {
        var test = new Verifier.AnalyzerTest { TestCode = DeepSigmoid };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.txt]\nnetgen.vanishing_ratio = 1e-9\n"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_lower_init_gain_min_silences_NG0003()
    {
        await RunAsync(NetworkSource.Stack("ReluGlorotNet", depth: 14, "Relu", arguments: ", Init = Init.Glorot"), "netgen.init_gain_min = 1e-6");
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(2.0, false)]
    public async Task The_residual_growth_threshold_decides_NG0005(double thresholdOverGrowth, bool fires)
    {
        // Three doubling blocks: E[a²] grows some ten times; the threshold is set at half and at twice the prediction.
        const string source = """
            using NetGen;

            [Network]
            public partial class ResidualNet
            {
                [Input(16)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu)] public partial DenseLayer Hidden1 { get; }
                [Dense(16, Activation.Relu, Residual = nameof(Hidden1))] public partial DenseLayer Hidden2 { get; }
                [Dense(16, Activation.Relu, Residual = nameof(Hidden2))] public partial DenseLayer Hidden3 { get; }
                [Dense(16, Activation.Relu, Residual = nameof(Hidden3))] public partial DenseLayer Hidden4 { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        var (spec, prediction) = NetworkModel.Estimate(source, "ResidualNet");
        string threshold = (ThresholdDepth.ActivationGrowth(spec, prediction) * thresholdOverGrowth).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (fires) await RunAsync(source, "netgen.residual_growth = " + threshold, Verifier.Warning("NG0005").WithSpan(8, 33, 8, 59));
        else await RunAsync(source, "netgen.residual_growth = " + threshold);
    }
}
