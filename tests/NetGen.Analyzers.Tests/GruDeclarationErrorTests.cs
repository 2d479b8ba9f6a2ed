using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Definition errors on [Gru] layers: the property's type (NG1009), the units (NG1004) and the sequence (NG1019), as for
/// the other kinds. A GRU has no activation argument, so NG1010/NG1016 on an activation cannot arise.
/// </summary>
public sealed class GruDeclarationErrorTests
{
    [Fact]
    public async Task NG1009OnTheTypeOfAGruPropertyThatIsNotAGruLayer()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 10)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru(8)] public partial {|#0:LstmLayer|} Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1009").WithLocation(0).WithArguments("Memory", "GruLayer", "Gru", "NetGen.LstmLayer"));
    }

    [Fact]
    public async Task NG1009OnAGruLayerPropertyThatCarriesAnotherKindsAttribute()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 10)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8)] public partial {|#0:GruLayer|} Memory { get; }
                [Dense(1)] public partial {|#1:GruLayer|} Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1009").WithLocation(0).WithArguments("Memory", "LstmLayer", "Lstm", "NetGen.GruLayer"),
            Verifier.Diagnostic("NG1009").WithLocation(1).WithArguments("Out", "DenseLayer", "Dense", "NetGen.GruLayer"));
    }

    [Fact]
    public async Task NG1004OnTheUnitsOfAGruWithNoneOrFewer()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 10)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Gru({|#0:0|}, ReturnSequences = true)] public partial GruLayer First { get; }
                [Gru({|#1:units: -4|})] public partial GruLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1004").WithLocation(0).WithArguments("First", "0"),
            Verifier.Diagnostic("NG1004").WithLocation(1).WithArguments("Second", "-4"));
    }

    [Fact]
    public async Task NG1019OnAGruAfterAnLstmThatReturnsOnlyItsLastStep()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 10)]
            public partial class SequenceGru
            {
                [Input(2)] public partial InputLayer In { get; }
                [Lstm(8, ForgetBias = 1f)] public partial LstmLayer First { get; }
                [{|#0:Gru(8, UpdateBias = 1f)|}] public partial GruLayer Second { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1019").WithLocation(0).WithArguments("Second"));
    }

    [Fact]
    public async Task AGruNetworkWithAnUpdateBiasLongEnoughIsValid()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy, SequenceLength = 100)]
            public partial class Classifier
            {
                [Input(3)] public partial InputLayer In { get; }
                [Gru(16, ReturnSequences = true, UpdateBias = 2.3f)] public partial GruLayer First { get; }
                [Gru(16, UpdateBias = 2.3f, Init = Init.Glorot, RecurrentInit = Init.Orthogonal)] public partial GruLayer Second { get; }
                [Dense(4, Activation.Softmax)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
