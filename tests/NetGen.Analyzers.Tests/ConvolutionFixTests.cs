using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// The gradient-flow fixes on convolutions, whose activation is the third argument (after filters and kernel size):
/// NG0001's ReLU and residual fixes, NG0003's init fix.
/// </summary>
public sealed class ConvolutionFixTests
{
    /// <summary>A six-layer sigmoid Conv1D stack with NG0001 marked on its first activation.</summary>
    private static string SigmoidStack(int poolEvery = 0)
        => NetworkSource.ConvStack("SigmoidConvNet", depth: 6, "Sigmoid", poolEvery: poolEvery)
            .Replace("[Conv1D(16, 3, Activation.Sigmoid, Same = true)] public partial ConvLayer C1 ",
                     "[Conv1D(16, 3, {|NG0001:Activation.Sigmoid|}, Same = true)] public partial ConvLayer C1 ");

    [Fact]
    public async Task ReluFixReplacesTheThirdArgumentAndAddsHe()
    {
        string fixedSource = NetworkSource.ConvStack("SigmoidConvNet", depth: 6, "Relu", ", Init = Init.He");
        await Verifier.VerifyCodeFixAsync(SigmoidStack(), fixedSource, "NG0001.Relu");
    }

    [Fact]
    public async Task ResidualFixLinksEveryOtherConvolution()
    {
        string fixedSource = NetworkSource.ConvStack("SigmoidConvNet", depth: 6, "Sigmoid")
            .Replace("Same = true)] public partial ConvLayer C3 ", "Same = true, Residual = nameof(C1))] public partial ConvLayer C3 ")
            .Replace("Same = true)] public partial ConvLayer C5 ", "Same = true, Residual = nameof(C3))] public partial ConvLayer C5 ");
        await Verifier.VerifyCodeFixAsync(SigmoidStack(), fixedSource, "NG0001.Residual");
    }

    [Fact]
    public async Task ResidualFixSkipsAPairWithPoolingBetween()
    {
        // Pooling after C3 halves the length: C5 cannot add C3's output; C3 can add C1's.
        string fixedSource = NetworkSource.ConvStack("SigmoidConvNet", depth: 6, "Sigmoid", poolEvery: 3)
            .Replace("Same = true)] public partial ConvLayer C3 ", "Same = true, Residual = nameof(C1))] public partial ConvLayer C3 ");
        await Verifier.VerifyCodeFixAsync(SigmoidStack(poolEvery: 3), fixedSource, "NG0001.Residual");
    }

    [Fact]
    public async Task InitFixSetsHeOnAReluStack()
    {
        string source = NetworkSource.ConvStack("ReluLeCunNet", depth: 16, "Relu", ", Init = Init.LeCun")
            .Replace("[Conv1D(16, 3, Activation.Relu, Same = true, Init = Init.LeCun)] public partial ConvLayer C1 ",
                     "[Conv1D(16, 3, Activation.Relu, Same = true, {|NG0003:Init = Init.LeCun|})] public partial ConvLayer C1 ");
        string fixedSource = NetworkSource.ConvStack("ReluLeCunNet", depth: 16, "Relu", ", Init = Init.He");
        await Verifier.VerifyCodeFixAsync(source, fixedSource, "NG0003.Init");
    }
}
