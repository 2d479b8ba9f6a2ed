using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>Well-designed networks draw no diagnostic at all: no error, no warning, no suggestion.</summary>
public sealed class ValidNetworkTests
{
    [Fact]
    public async Task TheXorNetworkOfTheSpecificationHasNoDiagnostic()
    {
        // SPEC §1's example, with a BinaryCrossEntropy loss as NG0007 advises for its sigmoid output.
        const string source = """
            using NetGen;

            [Network(Loss = Loss.BinaryCrossEntropy, Seed = 7)]
            public partial class XorNet
            {
                [Input(2)]                      public partial InputLayer In { get; }
                [Dense(4, Activation.Tanh)]     public partial DenseLayer Hidden { get; }
                [Dense(1, Activation.Sigmoid)]  public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task AClassifierWithEveryKindOfArgumentHasNoDiagnostic()
    {
        const string source = """
            using NetGen;

            namespace Digits;

            [Network(Loss = NetGen.Loss.CrossEntropy, Seed = 42)]
            internal sealed partial class DigitClassifier
            {
                [Input(64)] public partial InputLayer Pixels { get; }
                [Dense(32, Activation.Relu, Init = Init.He, Name = "fc1")] public partial DenseLayer Hidden1 { get; }
                [Dense(32, activation: Activation.Gelu, Residual = nameof(Hidden1))] public partial DenseLayer Hidden2 { get; }
                [Dense(units: 16, Activation.Elu)] internal partial DenseLayer Hidden3 { get; }
                [Dense(10, Activation.Softmax, Init = Init.Glorot, Name = "head")] public partial DenseLayer Out { get; }

                public int NotALayer { get; set; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ATypeWithoutTheNetworkAttributeIsIgnored()
    {
        const string source = """
            using NetGen;

            public class NotANetwork
            {
                [Dense(0)] public DenseLayer Broken => null!;
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }
}
