using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>NG1002, NG1003, NG1013, NG1014: which layers a network has and what they are called.</summary>
public sealed class LayerListErrorTests
{
    [Fact]
    public async Task NG1002_on_the_class_name_when_there_is_no_input()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|NG1002:XorNet|}
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1003_on_an_input_attribute_after_the_first_layer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [{|NG1003:Input(4)|}] public partial InputLayer Again { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1003_on_an_input_declared_after_a_dense_layer()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [{|#0:Input(2)|}] public partial InputLayer In { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1003").WithLocation(0).WithArguments("In"));
    }

    [Fact]
    public async Task NG1013_on_the_name_argument_that_repeats_a_tensor_name()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer Hidden { get; }
                [Dense(1, {|#0:Name = "Hidden"|})] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1013").WithLocation(0).WithArguments("Hidden", "Out", "Hidden"));
    }

    [Fact]
    public async Task NG1013_on_the_property_name_that_an_earlier_name_argument_took()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4, Name = "Out")] public partial DenseLayer Hidden { get; }
                [Dense(1)] public partial DenseLayer {|NG1013:Out|} { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1021_on_a_layer_property_named_like_a_generated_member()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer In { get; }
                [Dense(4)] public partial DenseLayer {|#0:Summary|} { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1021").WithLocation(0).WithArguments("Summary"));
    }

    [Fact]
    public async Task NG1021_not_for_names_that_only_resemble_generated_members()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class XorNet
            {
                [Input(2)] public partial InputLayer Input { get; }
                [Dense(4)] public partial DenseLayer Output { get; }
                [Dense(1, Name = "Layers")] public partial DenseLayer Forwarding { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1014_on_the_class_name_when_there_is_only_an_input()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|NG1014:EmptyNet|}
            {
                [Input(2)] public partial InputLayer In { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1002_and_NG1014_on_the_class_name_of_a_network_without_layers()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|#0:EmptyNet|}
            {
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1002").WithLocation(0).WithArguments("EmptyNet"),
            Verifier.Diagnostic("NG1014").WithLocation(0).WithArguments("EmptyNet"));
    }
}
