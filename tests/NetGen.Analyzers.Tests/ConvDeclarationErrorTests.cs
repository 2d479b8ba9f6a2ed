using System.Threading.Tasks;
using Xunit;

namespace NetGen.Analyzers.Tests;

/// <summary>
/// Definition errors of convolution and pooling layers: an input with the wrong number of dimensions (NG1022), a
/// window that does not fit (NG1023, with the computed shapes), window arguments PyTorch rejects (NG1024), sizes
/// (NG1004) and residuals of another shape (NG1008); and the shapes that must pass.
/// </summary>
public sealed class ConvDeclarationErrorTests
{
    [Fact]
    public async Task NG1022OnAConv2DAfterAFlatInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Cnn
            {
                [Input(784)] public partial InputLayer In { get; }
                [{|#0:Conv2D(8, 3, Activation.Relu)|}] public partial ConvLayer Conv { get; }
                [Dense(10)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1022").WithLocation(0).WithArguments("Conv", "Conv2D", "channels × height × width (None, C, H, W): declare [Input(channels, height, width)]", "(None, 784)"));
    }

    [Fact]
    public async Task NG1023StatesTheShapesWhenTheKernelIsLargerThanItsInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Cnn
            {
                [Input(1, 6, 6)] public partial InputLayer In { get; }
                [Conv2D(4, 3, Activation.Relu)] public partial ConvLayer A { get; }
                [Conv2D(4, {|#0:5|}, Activation.Relu, Dilation = 1)] public partial ConvLayer B { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1023").WithLocation(0).WithArguments("B", "kernel 5×5, stride 1, dilation 1, padding 0 + 0", "(None, 4, 4, 4)", "(None, 4, 0, 0)"));
    }

    [Fact]
    public async Task NG1023WhenDilationSpreadsTheKernelBeyondTheInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Tcn
            {
                [Input(1, 8)] public partial InputLayer In { get; }
                [Conv1D(2, {|#0:3|}, Activation.Tanh, Dilation = 4)] public partial ConvLayer A { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1023").WithLocation(0).WithArguments("A", "kernel 3, stride 1, dilation 4, padding 0 + 0", "(None, 1, 8)", "(None, 2, 0)"));
    }

    [Fact]
    public async Task NG1024OnWindowArgumentsPyTorchRejects()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Cnn
            {
                [Input(1, 16, 16)] public partial InputLayer In { get; }
                [Conv2D(4, 3, Activation.Relu, Stride = 2, {|#0:Same = true|})] public partial ConvLayer A { get; }
                [Conv2D(4, 3, Activation.Relu, {|#1:Padding = -1|})] public partial ConvLayer B { get; }
                [MaxPool2D(2, {|#2:Padding = 2|})] public partial PoolingLayer Pool { get; }
                [Conv2D(4, 3, Activation.Relu, {|#3:Stride = 0|})] public partial ConvLayer C { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1024").WithLocation(0).WithArguments("A", "Same", "true", "padding \"same\" needs Stride = 1, as in PyTorch"),
            Verifier.Diagnostic("NG1024").WithLocation(1).WithArguments("B", "Padding", "-1", "padding cannot be negative"),
            Verifier.Diagnostic("NG1024").WithLocation(2).WithArguments("Pool", "Padding", "2", "pooling pads at most half its window (1)"),
            Verifier.Diagnostic("NG1024").WithLocation(3).WithArguments("C", "Stride", "0", "the stride must be positive"));
    }

    [Fact]
    public async Task NG1024WhenCausalPaddingIsAlsoGivenExplicitly()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Tcn
            {
                [Input(1, 32)] public partial InputLayer In { get; }
                [Conv1D(4, 3, Activation.Tanh, Padding = 1, {|#0:Causal = true|})] public partial ConvLayer A { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1024").WithLocation(0).WithArguments("A", "Causal", "true", "Causal computes the padding; do not also set Padding or Same"));
    }

    [Fact]
    public async Task NG1004OnNonPositiveFiltersKernelsAndInputDimensions()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Cnn
            {
                [Input(1, {|#0:0|}, 8)] public partial InputLayer In { get; }
                [Conv2D({|#1:0|}, 3, Activation.Relu)] public partial ConvLayer A { get; }
                [Conv2D(4, {|#2:0|}, Activation.Relu)] public partial ConvLayer B { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1004").WithLocation(0).WithArguments("In (height)", "0"),
            Verifier.Diagnostic("NG1004").WithLocation(1).WithArguments("A", "0"),
            Verifier.Diagnostic("NG1004").WithLocation(2).WithArguments("B", "0"));
    }

    [Fact]
    public async Task NG1008WhenAResidualCrossesAChangeOfShape()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class ResCnn
            {
                [Input(3, 16, 16)] public partial InputLayer In { get; }
                [Conv2D(8, 3, Activation.Relu, Same = true)] public partial ConvLayer A { get; }
                [Conv2D(16, 3, Activation.Relu, Stride = 2, Padding = 1, {|#0:Residual = nameof(A)|})] public partial ConvLayer B { get; }
                [Dense(2)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1008").WithLocation(0).WithArguments("B", "(None, 16, 8, 8)", "A", "(None, 8, 16, 16)"));
    }

    [Fact]
    public async Task ShapesThatFitRaiseNothing()
    {
        const string source = """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            public partial class Cnn
            {
                [Input(1, 28, 28)] public partial InputLayer In { get; }
                [Conv2D(8, 3, Activation.Relu, Same = true)] public partial ConvLayer A { get; }
                [MaxPool2D(2)] public partial PoolingLayer Pool { get; }
                [Conv2D(8, 3, Activation.Relu, Same = true, Residual = nameof(Pool))] public partial ConvLayer B { get; }
                [AvgPool2D(3, Stride = 2, Padding = 1)] public partial PoolingLayer Smooth { get; }
                [Dense(10, Activation.Softmax)] public partial DenseLayer Out { get; }
            }

            [Network]
            public partial class Tcn
            {
                [Input(1, 100)] public partial InputLayer In { get; }
                [Conv1D(8, 2, Activation.Relu, Causal = true, Dilation = 1)] public partial ConvLayer A { get; }
                [Conv1D(8, 2, Activation.Relu, Causal = true, Dilation = 2, Residual = nameof(A))] public partial ConvLayer B { get; }
                [Conv1D(8, 2, Activation.Relu, Causal = true, Dilation = 4, Residual = nameof(B))] public partial ConvLayer C { get; }
                [GlobalAvgPool] public partial PoolingLayer Pool { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task NG1022OnAConvolutionInANetworkWithRecurrentLayers()
    {
        const string source = """
            using NetGen;

            [Network(SequenceLength = 16)]
            public partial class Mixed
            {
                [Input(2, 16)] public partial InputLayer In { get; }
                [{|#0:Conv1D(4, 3, Activation.Relu)|}] public partial ConvLayer Conv { get; }
                [GlobalAvgPool] public partial PoolingLayer Pool { get; }
                [Lstm(8)] public partial LstmLayer Memory { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1022").WithLocation(0).WithArguments("Conv", "Conv1D",
                "channels × length (None, C, L) for each sample, not a sequence of time steps (convolution and pooling cannot be in a network with recurrent layers)", "(None, 2, 16)"));
    }

    [Fact]
    public async Task NG1022AfterADenseLayerDoesNotSuggestChangingTheInput()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Backwards
            {
                [Input(1, 8, 8)] public partial InputLayer In { get; }
                [Dense(16, Activation.Relu)] public partial DenseLayer Hidden { get; }
                [{|#0:Conv2D(4, 3, Activation.Relu)|}] public partial ConvLayer Conv { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source,
            Verifier.Diagnostic("NG1022").WithLocation(0).WithArguments("Conv", "Conv2D", "channels × height × width (None, C, H, W)", "(None, 16)"));
    }

    [Fact]
    public async Task APoolingSizeOfZeroIsOneError()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class Cnn
            {
                [Input(1, 8, 8)] public partial InputLayer In { get; }
                [MaxPool2D({|#0:0|})] public partial PoolingLayer Pool { get; }
                [Dense(1)] public partial DenseLayer Out { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1004").WithLocation(0).WithArguments("Pool", "0"));
    }

    [Fact]
    public async Task NG1014OnANetworkOfPoolingOnly()
    {
        const string source = """
            using NetGen;

            [Network]
            public partial class {|#0:Pools|}
            {
                [Input(1, 8, 8)] public partial InputLayer In { get; }
                [GlobalAvgPool] public partial PoolingLayer Pool { get; }
            }
            """;
        await Verifier.VerifyAnalyzerAsync(source, Verifier.Diagnostic("NG1014").WithLocation(0).WithArguments("Pools"));
    }
}
