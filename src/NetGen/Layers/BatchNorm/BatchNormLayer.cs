using System;

namespace NetGen;

/// <summary>
/// A batch normalisation of a generated network: views over its slice of the parameters (γ, β) and of the network's
/// state (<see cref="RunningMean"/>, <see cref="RunningVariance"/>, <see cref="BatchesTracked"/>).
/// </summary>
public sealed class BatchNormLayer : ParameterLayer
{
    private readonly float[] _buffers;
    private readonly long[] _counters;

    /// <summary>Used by generated code: the network's parameter block, state tensors and counters.</summary>
    public BatchNormLayer(LayerInfo info, NetGen.Numerics.AlignedBlock parameters, float[] buffers, long[] counters) : base(info, parameters, LayerKind.BatchNorm)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        ArgumentNullException.ThrowIfNull(counters);
        if (info.BufferOffset < 0 || info.BufferOffset + 2 * Channels > buffers.Length || info.CounterOffset < 0 || info.CounterOffset >= counters.Length)
            throw new ArgumentException($"Layer '{info.Name}' does not fit the network's state ({Counted.Values(buffers.Length)}, {Counted.Of(counters.Length, "counter")}).", nameof(info));
        _buffers = buffers;
        _counters = counters;
    }

    /// <summary>Features or channels normalised.</summary>
    public int Channels => Info.OutputShape[0];

    /// <summary>γ, <c>[Channels]</c> (as <c>torch.nn.BatchNorm1d.weight</c>).</summary>
    public Span<float> Weight => Tensor("weight");

    /// <summary>β, <c>[Channels]</c>.</summary>
    public Span<float> Bias => Tensor("bias");

    /// <summary>The running mean used in evaluation, <c>running_mean [Channels]</c>.</summary>
    public Span<float> RunningMean => _buffers.AsSpan(Info.BufferOffset, Channels);

    /// <summary>The running (unbiased) variance used in evaluation, <c>running_var [Channels]</c>.</summary>
    public Span<float> RunningVariance => _buffers.AsSpan(Info.BufferOffset + Channels, Channels);

    /// <summary>Training batches seen, <c>num_batches_tracked</c>.</summary>
    public ref long BatchesTracked => ref _counters[Info.CounterOffset];
}
