using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// What every generated network offers, so that generic tools (trainers, monitors, serializers) work on
/// any of them. An instance is not thread-safe: use <see cref="Clone"/> for each worker thread.
/// </summary>
public interface INetwork
{
    /// <summary>Values per input sample (per time step for recurrent networks).</summary>
    int InputSize { get; }

    /// <summary>Values per output sample.</summary>
    int OutputSize { get; }

    /// <summary>Number of parameters.</summary>
    int ParameterCount { get; }

    /// <summary>Every weight and bias, one contiguous block, layers in declaration order.</summary>
    Span<float> Parameters { get; }

    /// <summary>Gradients, in the same layout as <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>
    /// State tensors that are not parameters (PyTorch's buffers: batch normalisation's <c>running_mean</c> and
    /// <c>running_var</c>): updated by training, used by evaluation, saved and loaded, never in <see cref="Gradients"/>.
    /// Empty for a network without them.
    /// </summary>
    Span<float> Buffers => Span<float>.Empty;

    /// <summary>
    /// Integer state: batch normalisation's <c>num_batches_tracked</c>, and each dropout layer's count of random draws (so
    /// that a resumed training draws the masks an uninterrupted one would). Empty for a network without them.
    /// </summary>
    Span<long> Counters => Span<long>.Empty;

    /// <summary>The layers in declaration order, the input first.</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>Runs one sample forward and keeps what <see cref="Backward"/> needs.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>After <see cref="Forward(ReadOnlySpan{float}, Span{float})"/>: adds dLoss/dParameters to <see cref="Gradients"/> and returns the loss.</summary>
    float Backward(ReadOnlySpan<float> target);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>One online step: zero the gradients, forward, backward, update; returns the loss.</summary>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, IOptimizer optimizer);

    /// <summary>Runs <paramref name="batchSize"/> samples (rows of <paramref name="inputs"/>) forward.</summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

    /// <summary>One minibatch step on the mean gradient; returns the mean loss.</summary>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, IOptimizer optimizer);

    /// <summary>After Forward: the output of layer <paramref name="layer"/> (an index into <see cref="Layers"/>; 0 is the input), every step for a sequence.</summary>
    ReadOnlySpan<float> LayerOutput(int layer);

    /// <summary>After Forward: the pre-activation z = W·x + b of layer <paramref name="layer"/> (empty for the input).</summary>
    ReadOnlySpan<float> LayerPreActivation(int layer);

    /// <summary>
    /// After Backward: δ = dLoss/dz of layer <paramref name="layer"/> for a dense or simple recurrent layer (every
    /// step for a sequence); for an LSTM, dLoss/dh_t received from the layers above it. Empty for the input.
    /// </summary>
    ReadOnlySpan<float> LayerGradient(int layer);

    /// <summary>A network with the same parameters and its own workspace.</summary>
    INetwork Clone();
}
