using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Serialization;

/// <summary>
/// A hand-written INetwork over a generated one, with its layer list replaced or its parameters failing: the cases
/// a generated network never produces, for the serializer's own checks.
/// </summary>
internal sealed class NetworkDouble(INetwork inner, IReadOnlyList<LayerInfo> layers, bool parametersFail) : INetwork
{
    public const string FailureMessage = "Simulated failure while writing the data.";

    /// <summary>Reading <see cref="Parameters"/> throws an IOException, as if the disk failed while the data was written.</summary>
    public static NetworkDouble FailingParameters(INetwork inner) => new(inner, inner.Layers, parametersFail: true);

    /// <summary>The network with <paramref name="layers"/> in place of its own layer list.</summary>
    public static NetworkDouble WithLayers(INetwork inner, params LayerInfo[] layers) => new(inner, layers, parametersFail: false);

    public int InputSize => inner.InputSize;
    public int OutputSize => inner.OutputSize;
    public int ParameterCount => inner.ParameterCount;
    public Span<float> Parameters => parametersFail ? throw new IOException(FailureMessage) : inner.Parameters;
    public Span<float> Gradients => inner.Gradients;
    public IReadOnlyList<LayerInfo> Layers => layers;
    public void Forward(ReadOnlySpan<float> input, Span<float> output) => inner.Forward(input, output);
    public float Backward(ReadOnlySpan<float> target) => inner.Backward(target);
    public void ZeroGradients() => inner.ZeroGradients();
    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, IOptimizer optimizer) => inner.TrainStep(input, target, optimizer);
    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => inner.Forward(inputs, outputs, batchSize);
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, IOptimizer optimizer) => inner.TrainBatch(inputs, targets, batchSize, optimizer);
    public ReadOnlySpan<float> LayerOutput(int layer) => inner.LayerOutput(layer);
    public ReadOnlySpan<float> LayerPreActivation(int layer) => inner.LayerPreActivation(layer);
    public ReadOnlySpan<float> LayerGradient(int layer) => inner.LayerGradient(layer);
    public INetwork Clone() => new NetworkDouble(inner.Clone(), layers, parametersFail);
}
