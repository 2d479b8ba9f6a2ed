using NetGen;

namespace NetGen.Tests.Networks;

/// <summary>Conv2D and max pooling before a dense head: the common image classifier, small enough for finite differences.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 5)]
public partial class SmallCnn
{
    [Input(2, 7, 6)] public partial InputLayer In { get; }
    [Conv2D(3, 3, Activation.Tanh)] public partial ConvLayer Conv { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool { get; }
    [Dense(4, Activation.Tanh)] public partial DenseLayer Hidden { get; }
    [Dense(3, Activation.Softmax)] public partial DenseLayer Out { get; }
}

/// <summary>Every 2D window option: stride with padding, dilation with "same" padding, overlapping average pooling with padding, and a residual over equal shapes.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 6)]
public partial class WindowOptionsCnn
{
    [Input(2, 9, 8)] public partial InputLayer In { get; }
    [Conv2D(4, 3, Activation.Tanh, Stride = 2, Padding = 1)] public partial ConvLayer Strided { get; }
    [Conv2D(4, 3, Activation.Relu, Dilation = 2, Same = true, Residual = nameof(Strided))] public partial ConvLayer Dilated { get; }
    [AvgPool2D(3, Stride = 1, Padding = 1)] public partial PoolingLayer Smooth { get; }
    [Conv2D(2, 2, Activation.Sigmoid, Name = "head")] public partial ConvLayer Head { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>A temporal convolution network: causal, dilated Conv1D with a residual, 1D pooling, global average pooling.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 7)]
public partial class CausalTcn
{
    [Input(2, 12)] public partial InputLayer In { get; }
    [Conv1D(4, 3, Activation.Tanh, Causal = true)] public partial ConvLayer First { get; }
    [Conv1D(4, 3, Activation.Gelu, Causal = true, Dilation = 2, Residual = nameof(First))] public partial ConvLayer Second { get; }
    [MaxPool1D(2)] public partial PoolingLayer Pool { get; }
    [AvgPool1D(3, Stride = 1, Padding = 1)] public partial PoolingLayer Smooth { get; }
    [Conv1D(3, 4, Activation.LeakyRelu, Same = true)] public partial ConvLayer Even { get; }
    [GlobalAvgPool] public partial PoolingLayer Global { get; }
    [Dense(2)] public partial DenseLayer Out { get; }
}

/// <summary>Fully convolutional and causal to the output: one prediction per time step, so causality can be checked from outside.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 8)]
public partial class CausalSequenceConv
{
    [Input(1, 10)] public partial InputLayer In { get; }
    [Conv1D(3, 2, Activation.Tanh, Causal = true, Dilation = 1)] public partial ConvLayer A { get; }
    [Conv1D(3, 2, Activation.Tanh, Causal = true, Dilation = 2, Residual = nameof(A))] public partial ConvLayer B { get; }
    [Conv1D(1, 2, Causal = true, Dilation = 4)] public partial ConvLayer Out { get; }
}

/// <summary>Wide enough that the activations run as vector kernels and the products as matrix products; ends in global pooling (a pooling output).</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 9)]
public partial class WideConvNet
{
    [Input(3, 12, 12)] public partial InputLayer In { get; }
    [Conv2D(16, 3, Activation.Relu, Same = true)] public partial ConvLayer A { get; }
    [MaxPool2D(2)] public partial PoolingLayer Pool { get; }
    [Conv2D(8, 3, Activation.Silu, Stride = 2)] public partial ConvLayer B { get; }
    [GlobalAvgPool] public partial PoolingLayer Out { get; }
}

/// <summary>A temporal convolution network as real-time audio runs one: causal dilated Conv1D with residuals and a 1×1 head, streamable.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 10)]
public partial class StreamingTcn
{
    [Input(2, 16)] public partial InputLayer In { get; }
    [Conv1D(16, 3, Activation.Tanh, Causal = true)] public partial ConvLayer A { get; }
    [Conv1D(16, 3, Activation.Relu, Causal = true, Dilation = 2, Residual = nameof(A))] public partial ConvLayer B { get; }
    [Conv1D(16, 3, Activation.Gelu, Causal = true, Dilation = 4, Residual = nameof(B))] public partial ConvLayer C { get; }
    [Conv1D(2, 1)] public partial ConvLayer Head { get; }
}
