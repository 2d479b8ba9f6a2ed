using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// For an invalid definition the generator must not throw and must emit at most throwing stubs of the
/// layer properties (so the compiler's errors do not hide the analyzer's explanation); the parser must
/// name the problem with the right NG1xxx id.
/// </summary>
public class InvalidDefinitionTests
{
    public const string ResidualSizeMismatch = """
        using NetGen;
        [Network]
        public partial class Net
        {
            [Input(4)]                                 public partial InputLayer In { get; }
            [Dense(8, Activation.Relu)]                public partial DenseLayer Hidden { get; }
            [Dense(6, Residual = nameof(Hidden))]      public partial DenseLayer Out { get; }
        }
        """;

    public static TheoryData<string, string, string> Definitions => new()
    {
        {
            "class not partial", DiagnosticIds.ClassNotPartial, """
            using NetGen;
            [Network]
            public class Net
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "containing type not partial", DiagnosticIds.ContainingTypeNotPartial, """
            using NetGen;
            public class Outer
            {
                [Network]
                public partial class Net
                {
                    [Input(2)] public partial InputLayer In { get; }
                    [Dense(1)] public partial DenseLayer Out { get; }
                }
            }
            """
        },
        {
            "no input", DiagnosticIds.MissingInput, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "input not first", DiagnosticIds.InputNotFirst, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "no layers after the input", DiagnosticIds.NoLayers, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)] public partial InputLayer In { get; }
            }
            """
        },
        {
            "softmax not last", DiagnosticIds.SoftmaxNotLast, """
            using NetGen;
            [Network(Loss = Loss.CrossEntropy)]
            public partial class Net
            {
                [Input(2)]                     public partial InputLayer In { get; }
                [Dense(4, Activation.Softmax)] public partial DenseLayer Hidden { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "softmax with mean squared error", DiagnosticIds.LossOutputMismatch, """
            using NetGen;
            [Network(Loss = Loss.MeanSquaredError)]
            public partial class Net
            {
                [Input(2)]                     public partial InputLayer In { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "residual to an unknown layer", DiagnosticIds.ResidualUnknown, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(4)]                         public partial InputLayer In { get; }
                [Dense(4, Residual = "Nowhere")]   public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "residual to a later layer", DiagnosticIds.ResidualNotEarlier, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(4)]                             public partial InputLayer In { get; }
                [Dense(4, Residual = nameof(Out))]     public partial DenseLayer Hidden { get; }
                [Dense(4)]                             public partial DenseLayer Out { get; }
            }
            """
        },
        { "residual size mismatch", DiagnosticIds.ResidualSizeMismatch, ResidualSizeMismatch },
        {
            "residual on a probability output", DiagnosticIds.ResidualOnProbabilityOutput, """
            using NetGen;
            [Network(Loss = Loss.BinaryCrossEntropy)]
            public partial class Net
            {
                [Input(3)]                                               public partial InputLayer In { get; }
                [Dense(3, Activation.Sigmoid, Residual = nameof(In))]    public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "wrong property type", DiagnosticIds.WrongPropertyType, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial InputLayer Out { get; }
            }
            """
        },
        {
            "property not partial", DiagnosticIds.PropertyNotPartial, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public DenseLayer Out { get; } = null!;
            }
            """
        },
        {
            "layer named like a generated member", DiagnosticIds.ReservedLayerName, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Layers { get; }
            }
            """
        },
        {
            "duplicate tensor name", DiagnosticIds.DuplicateTensorName, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)]                   public partial InputLayer In { get; }
                [Dense(3, Name = "layer")]   public partial DenseLayer Hidden { get; }
                [Dense(1, Name = "layer")]   public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "undefined activation value", DiagnosticIds.UndefinedEnumValue, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)]                   public partial InputLayer In { get; }
                [Dense(1, (Activation)42)]   public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "Dense(0)", DiagnosticIds.NonPositiveSize, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(0)] public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "Input(-1)", DiagnosticIds.NonPositiveSize, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(-1)] public partial InputLayer In { get; }
                [Dense(1)]  public partial DenseLayer Out { get; }
            }
            """
        },
        {
            "layer wider than the limit", DiagnosticIds.TooLarge, """
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(2)]           public partial InputLayer In { get; }
                [Dense(16_777_217)]  public partial DenseLayer Out { get; }
            }
            """
        },
        { "Dense(1_000_000) after Input(1_000_000)", DiagnosticIds.TooLarge, Wide },
    };

    /// <summary>10^12 weights: far beyond the parameter limit; must be rejected without doing 10^12 of anything.</summary>
    private const string Wide = """
        using NetGen;
        [Network]
        public partial class Net
        {
            [Input(1_000_000)]  public partial InputLayer In { get; }
            [Dense(1_000_000)]  public partial DenseLayer Out { get; }
        }
        """;

    [Theory]
    [MemberData(nameof(Definitions))]
    public void InvalidDefinitionGeneratesOnlyStubsAndIsNamed(string problem, string expectedId, string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(compilation);
        GeneratorRunResult run = result.Results.Single();

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        AssertOnlyStubs(run);
        if (expectedId is not (DiagnosticIds.ClassNotPartial or DiagnosticIds.ContainingTypeNotPartial))
            Assert.DoesNotContain(output.GetDiagnostics(), diagnostic => diagnostic.Id == "CS9248"); // partial property without implementation
        NetworkSpec spec = ParsedNetworks.Single(compilation);
        Assert.True(spec.HasErrors, $"{problem}: the parser found nothing wrong");
        string[] ids = spec.Diagnostics.Select(diagnostic => diagnostic.Id).ToArray();
        Assert.True(ids.Contains(expectedId), $"{problem}: expected {expectedId}, the parser reported [{string.Join(", ", ids)}]");
        SpecDiagnostic reported = spec.Diagnostics.First(diagnostic => diagnostic.Id == expectedId);
        Assert.NotNull(reported.Location);
        Assert.Equal("Source0.cs", reported.Location!.FilePath);
    }

    [Fact]
    public void MillionWideDeclarationIsRejectedQuickly()
    {
        Run(TestNetworks.Xor); // JIT and Roslyn warm-up, so the measurement is of the declaration alone
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Wide);
        var clock = Stopwatch.StartNew();
        GeneratorRunResult run = GeneratorHarness.Generate(compilation).Result.Results.Single();
        NetworkSpec spec = ParsedNetworks.Single(compilation);
        clock.Stop();

        AssertOnlyStubs(run);
        Assert.Contains(spec.Diagnostics, diagnostic => diagnostic.Id == DiagnosticIds.TooLarge);
        Assert.True(clock.Elapsed.TotalSeconds < 2, $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public void MillionWideValidInputIsGeneratedQuicklyAsLoops()
    {
        // 10^7 parameters is within the limits: it must be emitted as loops, not 10^7 statements.
        const string source = """
            using NetGen;
            [Network(Loss = Loss.CrossEntropy)]
            public partial class WideNet
            {
                [Input(1_000_000)]              public partial InputLayer In { get; }
                [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """;
        Run(TestNetworks.Xor);
        var clock = Stopwatch.StartNew();
        GeneratorRunResult run = Run(source);
        clock.Stop();

        string generated = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.Equal(10_000_010, ParsedNetworks.FromTrackedStep(run).ParameterCount);
        Assert.Contains("public const int ParameterCount = 10000010;", generated);
        Assert.True(generated.Length < 64 * 1024, $"generated {generated.Length} characters");
        Assert.True(clock.Elapsed.TotalSeconds < 2, $"took {clock.Elapsed.TotalSeconds:F2} s");
    }

    /// <summary>Nothing, or a small file of throwing layer properties with no network code.</summary>
    internal static void AssertOnlyStubs(GeneratorRunResult run)
    {
        foreach (GeneratedSourceResult generated in run.GeneratedSources)
        {
            string text = generated.SourceText.ToString();
            Assert.DoesNotContain("INetwork", text);
            Assert.Contains("has an invalid definition; see the NG1xxx errors", text);
            Assert.True(text.Length < 4096, $"stubs of {text.Length} characters");
        }
    }

    private static GeneratorRunResult Run(string source)
        => GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source)).Result.Results.Single();
}
