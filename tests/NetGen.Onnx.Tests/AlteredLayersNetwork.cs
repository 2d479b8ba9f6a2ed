using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Onnx.Tests;

/// <summary>A generated network whose layer descriptions are edited, to stand for a hand-written INetwork that describes itself wrongly.</summary>
internal sealed class AlteredLayersNetwork : INetwork
{
    private readonly INetwork _inner;

    public AlteredLayersNetwork(INetwork inner, Action<LayerInfo[]> alter)
    {
        _inner = inner;
        LayerInfo[] layers = inner.Layers.ToArray();
        alter(layers);
        Layers = layers;
    }

    private AlteredLayersNetwork(INetwork inner, IReadOnlyList<LayerInfo> layers)
    {
        _inner = inner;
        Layers = layers;
    }

    public IReadOnlyList<LayerInfo> Layers { get; }
    public int InputSize => _inner.InputSize;
    public int OutputSize => _inner.OutputSize;
    public int ParameterCount => _inner.ParameterCount;
    public Span<float> Parameters => _inner.Parameters;
    public Span<float> Gradients => _inner.Gradients;
    public void Forward(ReadOnlySpan<float> input, Span<float> output) => _inner.Forward(input, output);
    public float Backward(ReadOnlySpan<float> target) => _inner.Backward(target);
    public void ZeroGradients() => _inner.ZeroGradients();
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, IOptimizer optimizer) => _inner.TrainStep(input, target, optimizer);
    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => _inner.Forward(inputs, outputs, batchSize);
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, IOptimizer optimizer) => _inner.TrainBatch(inputs, targets, batchSize, optimizer);
    public ReadOnlySpan<float> LayerOutput(int layer) => _inner.LayerOutput(layer);
    public ReadOnlySpan<float> LayerPreActivation(int layer) => _inner.LayerPreActivation(layer);
    public ReadOnlySpan<float> LayerGradient(int layer) => _inner.LayerGradient(layer);
    public INetwork Clone() => new AlteredLayersNetwork(_inner.Clone(), Layers);
}
