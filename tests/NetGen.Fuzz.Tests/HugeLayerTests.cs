using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Fuzz.Tests;

/// <summary>
/// Declared sizes never turn into unrolled code: a million-wide layer is NG1005 (too many parameters) with at
/// most throwing stubs emitted, and the widest accepted layers are written as loops of bounded size.
/// </summary>
public class HugeLayerTests
{
    [Fact]
    public void MillionByMillionIsTooLargeQuicklyWithSmallOutput()
    {
        const string source = """
            using NetGen;
            [Network]
            public partial class Huge
            {
                [Input(1_000_000)]   public partial InputLayer In { get; }
                [Dense(1_000_000)]   public partial DenseLayer Out { get; }
            }
            """;
        FuzzOracle.EnsureWarm();
        var clock = Stopwatch.StartNew();
        (Compilation _, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        clock.Stop();

        Assert.Null(result.Results.Single().Exception);
        string generated = string.Concat(result.GeneratedTrees.Select(tree => tree.GetText().ToString()));
        Assert.Contains("new global::System.InvalidOperationException(", generated);
        Assert.True(generated.Length < 8_000, $"{generated.Length} characters of stubs"); // a fixed set of members, each throwing
        Assert.True(clock.Elapsed < FuzzOracle.TimeBound, $"{clock.Elapsed.TotalMilliseconds:F0} ms");
        NetworkSpec spec = ParsedNetwork.Parse(source, "Huge");
        SpecDiagnostic tooLarge = Assert.Single(spec.Diagnostics, d => d.Id == DiagnosticIds.TooLarge);
        Assert.Equal(["Out", "1000001000000 parameters", "268435456 parameters"], tooLarge.MessageArguments.ToArray());
    }

    /// <summary>
    /// 2^24 inputs into 15 units (251,658,255 parameters, just under 2^28) is valid: it must be emitted as loops,
    /// so the text is as long as for a small loop-emitted layer.
    /// </summary>
    [Fact]
    public void WidestAcceptedLayerIsEmittedAsLoops()
    {
        string source = $$"""
            using NetGen;
            [Network]
            public partial class Widest
            {
                [Input({{Limits.MaxLayerSize}})] public partial InputLayer In { get; }
                [Dense(15)]                       public partial DenseLayer Out { get; }
            }
            """;
        string generated = GeneratorHarness.GeneratedSource(source);
        Assert.Contains($"public const int ParameterCount = {(long)Limits.MaxLayerSize * 15 + 15};", generated);
        Assert.True(generated.Length < FuzzOracle.MaxGeneratedChars(2), $"{generated.Length} characters");
    }
}
