using System;

namespace NetGen;

/// <summary>A Conv1D or Conv2D layer of a generated network: views over its slice of the parameters.</summary>
public sealed class ConvLayer : ParameterLayer
{
    /// <summary>Used by generated code: <paramref name="parameters"/> is the network's parameter block.</summary>
    public ConvLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters) : base(info, parameters, LayerKind.Conv1D, LayerKind.Conv2D) { }

    /// <summary>The kernels, <c>[filters, in channels, (kernel height,) kernel width]</c> row-major (as <c>torch.nn.Conv1d/Conv2d.weight</c>).</summary>
    public Span<float> Weights => Tensor("weight");

    /// <summary>b, <c>[filters]</c>.</summary>
    public Span<float> Bias => Tensor("bias");

    /// <summary>Output channels (<see cref="ParameterLayer.Units"/> counts every output value: filters × positions).</summary>
    public int Filters => Info.OutputShape[0];

    /// <summary>Input channels.</summary>
    public int InChannels => Info.InputShape[0];

    /// <summary>The sliding window: kernel, stride, dilation and padding per side.</summary>
    public Window Window => Info.Window!;
}
