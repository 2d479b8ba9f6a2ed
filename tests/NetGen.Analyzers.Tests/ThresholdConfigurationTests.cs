using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
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
    public async Task ALowerVanishingRatioSilencesNG0001()
    {
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = 1e-9");
    }

    [Fact]
    public async Task AVanishingRatioJustBelowThePredictionSilencesNG0001AndOneJustAboveDoesNot()
    {
        var (_, prediction) = NetworkModel.Estimate(DeepSigmoid, "DeepSigmoidNet");
        string below = (prediction.Ratio * 0.99).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string above = (prediction.Ratio * 1.01).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = " + below);
        await RunAsync(DeepSigmoid, "netgen.vanishing_ratio = " + above,
            Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task AHigherVanishingRatioMakesAShallowStackFire()
    {
        // Three sigmoid layers (R ≈ 0.031) pass the default 1e-2 but not 0.1.
        await RunAsync(NetworkSource.Stack("ShallowSigmoidNet", depth: 3, "Sigmoid"), "netgen.vanishing_ratio = 0.1",
            Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task SeverityNoneSilencesNG0001()
    {
        await RunAsync(DeepSigmoid, "dotnet_diagnostic.NG0001.severity = none");
    }

    [Theory]
    [InlineData("netgen.vanishing_ratio = 0")]
    [InlineData("netgen.vanishing_ratio = -1")]
    [InlineData("netgen.vanishing_ratio = lots")]
    [InlineData("netgen.vanishing_ratio = 1,5")]
    public async Task AValueThatIsNotAPositiveNumberKeepsTheDefault(string setting)
    {
        await RunAsync(DeepSigmoid, setting, Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
    }

    [Fact]
    public async Task ASectionForOtherFilesDoesNotApply()
    {
        var test = new Verifier.AnalyzerTest { TestCode = DeepSigmoid };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.txt]\nnetgen.vanishing_ratio = 1e-9\n"));
        test.ExpectedDiagnostics.Add(Verifier.Warning("NG0001").WithSpan(7, 16, 7, 34));
        await test.RunAsync();
    }

    [Fact]
    public async Task ALowerInitGainMinSilencesNG0003()
    {
        await RunAsync(NetworkSource.Stack("ReluGlorotNet", depth: 14, "Relu", arguments: ", Init = Init.Glorot"), "netgen.init_gain_min = 1e-6");
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(2.0, false)]
    public async Task TheResidualGrowthThresholdDecidesNG0005(double thresholdOverGrowth, bool fires)
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

    /// <summary>32 tanh units over 100 steps: ≈ 0.66 per step, 2.8e-18 over the sequence, far below the default 1e-6.</summary>
    private static readonly string LongRnn = RecurrentSource.Rnn("LongRnn", 100);

    /// <summary>Where NG0004 is shown in <see cref="RecurrentSource"/> networks: the whole [Recurrent(...)] attribute.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult RecurrentWarning(string source)
    {
        var (start, end) = RecurrentSource.AttributeColumns(source);
        return Verifier.Warning("NG0004").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end);
    }

    /// <summary>NG0006 on the whole [Lstm(...)] or [Gru(...)] attribute of a <see cref="RecurrentSource"/> network, checked by ID and place.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MemoryInfo(string source)
    {
        var (start, end) = RecurrentSource.AttributeColumns(source);
        return new Microsoft.CodeAnalysis.Testing.DiagnosticResult("NG0006", Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
            .WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end);
    }

    [Fact]
    public async Task ALowerRecurrentGradientSilencesNG0004()
    {
        await RunAsync(LongRnn, "netgen.recurrent_gradient = 1e-20");
    }

    [Fact]
    public async Task ARecurrentGradientJustBelowThePredictionSilencesNG0004AndOneJustAboveDoesNot()
    {
        var (spec, _) = NetworkModel.Estimate(LongRnn, "LongRnn");
        double gradient = ThresholdSequence.Figure(spec, 100);
        string below = (gradient * 0.99).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string above = (gradient * 1.01).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(LongRnn, "netgen.recurrent_gradient = " + below);
        await RunAsync(LongRnn, "netgen.recurrent_gradient = " + above, RecurrentWarning(LongRnn));
    }

    [Fact]
    public async Task AHigherRecurrentGradientMakesAShortSequenceFire()
    {
        // 10 steps: ≈ 0.66 per step, about 0.025 over the sequence, passes the default 1e-6 but not 0.1.
        string source = RecurrentSource.Rnn("ShortRnn", 10);
        await RunAsync(source, "");
        await RunAsync(source, "netgen.recurrent_gradient = 0.1", RecurrentWarning(source));
    }

    [Theory]
    [InlineData("netgen.recurrent_gradient = 0")]
    [InlineData("netgen.recurrent_gradient = -1e-6")]
    [InlineData("netgen.recurrent_gradient = tiny")]
    public async Task ARecurrentGradientThatIsNotAPositiveNumberKeepsTheDefault(string setting)
    {
        await RunAsync(LongRnn, setting, RecurrentWarning(LongRnn));
    }

    [Fact]
    public async Task SeverityNoneSilencesNG0004()
    {
        await RunAsync(LongRnn, "dotnet_diagnostic.NG0004.severity = none");
    }

    [Fact]
    public async Task ALowerLstmMemoryFractionSilencesNG0006()
    {
        // 100 steps × 0.01 = 1 step, which the default bias's 2.9 steps reach.
        string source = RecurrentSource.Lstm("LongLstm", 100);
        await RunAsync(source, "", MemoryInfo(source));
        await RunAsync(source, "netgen.lstm_memory_fraction = 0.01");
    }

    [Fact]
    public async Task AHigherLstmMemoryFractionMakesNG0006FireAndRaisesTheSuggestedBias()
    {
        // 20 steps: the default (a tenth, 2 steps) is met, as this LSTM fires only from 28 steps. 20 × 0.5 = 10 steps of
        // memory (a figure of e^(−4)) need a bias of 1.1, above the floor of 1 (pinned from the model). At 10 steps 0.5 fires
        // too, but asks only for the floor.
        string source = RecurrentSource.Lstm("ShortLstm", 20);
        await RunAsync(source, "");
        await RunAsync(source, "netgen.lstm_memory_fraction = 0.5", MemoryInfo(source));

        var test = new Verifier.CodeFixTest
        {
            TestCode = RecurrentSource.Lstm("ShortLstm", 20, markup: "NG0006"),
            FixedCode = RecurrentSource.Lstm("ShortLstm", 20, arguments: ", ForgetBias = 1.1f"),
            CodeActionEquivalenceKey = "NG0006.MemoryBias",
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.lstm_memory_fraction = 0.5\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task TheLstmMemoryFractionAppliesToAGruToo()
    {
        // The key keeps its name from when the LSTM was the only gated kind; the GRU's UpdateBias is judged by it alike:
        // silenced by 0.01 at 100 steps, raised by 0.5 at 10 steps, where the fix writes UpdateBias = 1.1f (pinned from the model).
        string longGru = RecurrentSource.Gru("LongGru", 100);
        await RunAsync(longGru, "", MemoryInfo(longGru));
        await RunAsync(longGru, "netgen.lstm_memory_fraction = 0.01");

        string shortGru = RecurrentSource.Gru("ShortGru", 10);
        await RunAsync(shortGru, "");
        await RunAsync(shortGru, "netgen.lstm_memory_fraction = 0.5", MemoryInfo(shortGru));
        var test = new Verifier.CodeFixTest
        {
            TestCode = RecurrentSource.Gru("ShortGru", 10, markup: "NG0006"),
            FixedCode = RecurrentSource.Gru("ShortGru", 10, arguments: ", UpdateBias = 1.1f"),
            CodeActionEquivalenceKey = "NG0006.MemoryBias",
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\nnetgen.lstm_memory_fraction = 0.5\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task TheNG0006MessageStatesTheConfiguredShareOfTheSequenceLength()
    {
        // With netgen.lstm_memory_fraction = 0.5 the required memory is SequenceLength × 0.5 = 10 steps, and the
        // message must say so rather than a fixed "/10"; the bias is the one for that fraction (1.1, as in
        // AHigherLstmMemoryFractionMakesNG0006FireAndRaisesTheSuggestedBias; the default fraction does not fire here).
        string source = RecurrentSource.Lstm("ShortLstm", 20);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source,
            new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Verifier.LanguageVersion), path: "Network.cs");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Fraction", [tree], OfflineReferences.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([], new ConfigOptionsProvider("netgen.lstm_memory_fraction", "0.5"));
        var diagnostics = await compilation.WithAnalyzers([new NetworkAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        string message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("set ForgetBias = 1.1", message);
        Assert.Contains("under 0.5 × SequenceLength = 10", message);
    }

    /// <summary>One .editorconfig key for every file, for tests that read the diagnostic itself.</summary>
    private sealed class ConfigOptionsProvider(string key, string value) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(key, value);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _options;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.SyntaxTree tree) => _options;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.AdditionalText textFile) => _options;

        private sealed class Options(string key, string value) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result)
            {
                result = name == key ? value : null;
                return result is not null;
            }
        }
    }

    [Theory]
    [InlineData("netgen.lstm_memory_fraction = 0")]
    [InlineData("netgen.lstm_memory_fraction = -0.1")]
    [InlineData("netgen.lstm_memory_fraction = a tenth")]
    public async Task AnLstmMemoryFractionThatIsNotAPositiveNumberKeepsTheDefault(string setting)
    {
        string source = RecurrentSource.Lstm("LongLstm", 100);
        await RunAsync(source, setting, MemoryInfo(source));
    }

    [Fact]
    public async Task SeverityWarningRaisesNG0006AndNoneSilencesIt()
    {
        string source = RecurrentSource.Lstm("LongLstm", 100);
        var (start, end) = RecurrentSource.AttributeColumns(source);
        await RunAsync(source, "dotnet_diagnostic.NG0006.severity = warning",
            Verifier.Warning("NG0006").WithSpan(RecurrentSource.LayerLine, start, RecurrentSource.LayerLine, end));
        await RunAsync(source, "dotnet_diagnostic.NG0006.severity = none");
    }
}
