using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Model;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// For an invalid definition the generator must not throw and must emit at most throwing stubs of every
/// public member (so that no compiler error, CS0117 or CS1061 from code using the network, comes before or
/// hides the analyzer's explanation) and nothing that adds an error; the parser must name the problem with
/// the right NG1xxx id.
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
        {
            Assert.DoesNotContain(output.GetDiagnostics(), diagnostic => diagnostic.Id == "CS9248"); // partial property without implementation
            // Code using every member of the network binds: the NG1xxx errors are the build's only ones.
            (Compilation used, _) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source, UsesEveryMember));
            Assert.Empty(Errors(used));
        }
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

    /// <summary>Nothing, or a small file of throwing stubs with no network code.</summary>
    internal static void AssertOnlyStubs(GeneratorRunResult run)
    {
        foreach (GeneratedSourceResult generated in run.GeneratedSources)
        {
            string text = generated.SourceText.ToString();
            Assert.DoesNotContain("_parameters", text);
            Assert.DoesNotContain("WeightInitializer", text);
            Assert.Matches(@"has an invalid definition \(NG1\d{3}(, NG1\d{3})*\); see the NG1xxx errors", text);
            Assert.True(text.Length < 12 * 1024, $"stubs of {text.Length} characters");
        }
    }

    /// <summary>A user's code touching every public member of a network class named Net.</summary>
    private const string UsesEveryMember = """
        using System;
        using NetGen;
        public static class Use
        {
            public static object[] Touch()
            {
                int sizes = Net.InputSize + Net.OutputSize + Net.ParameterCount;
                double predicted = Net.PredictedGradientRatio + Net.PredictedDeltaGain + Net.PredictedGradientScales[0];
                string summary = Net.Summary;
                var net = new Net();
                net = new Net(3);
                INetwork copy = net.Clone();
                Span<float> parameters = net.Parameters;
                parameters = net.Gradients;
                object layers = net.Layers;
                net.Forward(default, default);
                net.Forward(default, default, 1);
                float loss = net.Backward(default) + net.TrainStep(default, default, null!) + net.TrainBatch(default, default, 1, null!);
                net.ZeroGradients();
                ReadOnlySpan<float> view = net.LayerOutput(0);
                view = net.LayerPreActivation(0);
                view = net.LayerGradient(0);
                INetwork generic = net;
                return [sizes, predicted, summary, copy, parameters.Length, layers, loss, view.Length, generic.InputSize];
            }
        }
        """;

    private static Diagnostic[] Errors(Compilation compilation)
        => compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();

    private static string StubsOf(string source)
        => Assert.Single(Run(source).GeneratedSources).SourceText.ToString();

    [Fact]
    public void StubsThrowNamingTheErrorsAndKeepTheKnownSizes()
    {
        System.Type net = GeneratorHarness.CompileAndLoad(ResidualSizeMismatch).GetType("Net")!;
        var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => System.Activator.CreateInstance(net));
        var invalid = Assert.IsType<System.InvalidOperationException>(thrown.InnerException);
        Assert.Contains(DiagnosticIds.ResidualSizeMismatch, invalid.Message);
        Assert.Contains("'Net'", invalid.Message);
        thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => net.GetProperty("Summary")!.GetValue(null));
        Assert.IsType<System.InvalidOperationException>(thrown.InnerException);
        Assert.Equal(4, net.GetField("InputSize")!.GetRawConstantValue());
        Assert.Equal(6, net.GetField("OutputSize")!.GetRawConstantValue());
        Assert.Equal(4 * 8 + 8 + 8 * 6 + 6, net.GetField("ParameterCount")!.GetRawConstantValue());
        Assert.True(double.IsNaN((double)net.GetField("PredictedGradientRatio")!.GetRawConstantValue()!));
        Assert.True(typeof(INetwork).IsAssignableFrom(net));
    }

    [Fact]
    public void SizesTheParserReplacedAreZero()
    {
        string stubs = StubsOf("""
            using NetGen;
            [Network]
            public partial class Net
            {
                [Input(-1)] public partial InputLayer In { get; }
                [Dense(3)]  public partial DenseLayer Out { get; }
            }
            """);
        Assert.Contains("public const int InputSize = 0;", stubs);
        Assert.Contains("public const int OutputSize = 3;", stubs);
        Assert.Contains("public const int ParameterCount = 0;", stubs);
    }

    [Fact]
    public void MembersTheClassDeclaresAreLeftToIt()
    {
        const string source = """
            using System;
            using NetGen;
            [Network]
            public partial class Net : INetwork
            {
                [Input(2)]                     public partial InputLayer In { get; }
                [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
                public Net(int seed) { }
                public static string Summary => "mine";
                public void Forward(int steps) { }
                int INetwork.InputSize => 2;
            }
            """;
        string stubs = StubsOf(source);
        Assert.DoesNotContain("Summary", stubs);
        Assert.DoesNotContain("Forward", stubs);
        Assert.DoesNotContain("int seed", stubs);
        Assert.DoesNotContain("INetwork", stubs); // the class implements it itself
        Assert.Contains("public Net() =>", stubs);
        Assert.Contains("public float Backward(", stubs);
        // The user's INetwork is incomplete (CS0535, CS0738 for Clone): their errors, not the stubs'.
        Assert.DoesNotContain(Errors(GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source)).Output), error => error.Id is not ("CS0535" or "CS0738"));
    }

    [Theory]
    [InlineData("public partial class Net(int size)", "primary constructor")]
    [InlineData("public partial class Net : Base", "base class without a parameterless constructor")]
    [InlineData("public partial record Net", "record")]
    [InlineData("public abstract partial class Net", "abstract")]
    [InlineData("public partial class Net<T> where T : struct", "generic")]
    public void StubsAddNoErrorToUnusualClasses(string declaration, string what)
    {
        string source = $$"""
            using NetGen;
            public class Base { public Base(int size) { } }
            [Network(Loss = Loss.BinaryCrossEntropy)]
            {{declaration}}
            {
                [Input(2)]  public partial InputLayer In { get; }
                [Dense(1)]  public partial DenseLayer Out { get; }
            }
            """;
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source));
        Assert.Single(result.Results.Single().GeneratedSources);
        Diagnostic[] errors = Errors(output).Where(error => error.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true
                                                            || error.Id != "CS7036").ToArray();
        Assert.True(errors.Length == 0, $"{what}: {string.Join("\n", errors.Select(error => error.ToString()))}");
    }

    [Fact]
    public void StaticClassGetsOnlyStaticStubs()
    {
        string stubs = StubsOf("""
            using NetGen;
            [Network]
            public static partial class Net
            {
                [Input(2)] public static partial InputLayer In { get; }
                [Dense(1)] public static partial DenseLayer Out { get; }
            }
            """);
        Assert.Contains("public static string Summary", stubs);
        Assert.DoesNotContain("INetwork", stubs);
        Assert.DoesNotContain("public Net(", stubs);
        Assert.DoesNotContain("Forward", stubs);
    }

    private static GeneratorRunResult Run(string source)
        => GeneratorHarness.Generate(GeneratorHarness.CreateCompilation(source)).Result.Results.Single();
}
