using System;
using NetGen.Model;

namespace NetGen.Serialization;

/// <summary>
/// The values a file's tensors are written from or read into, one array per <see cref="TensorBlock"/>. A load reads
/// into a copy of the network's blocks and copies them back only once everything has been read and checked.
/// </summary>
internal sealed class TensorBlocks(float[] parameters, float[] buffers, long[] counters, float[] optimizer)
{
    /// <summary>A copy of <paramref name="net"/>'s parameters, buffers and counters, with <paramref name="optimizer"/>'s tensors (a checkpoint's) beside them.</summary>
    public static TensorBlocks CopyOf(INetwork net, float[]? optimizer = null)
        => new(net.Parameters.ToArray(), net.Buffers.ToArray(), net.Counters.ToArray(), optimizer ?? []);

    /// <summary>The optimizer tensors' block.</summary>
    public float[] Optimizer => optimizer;

    /// <summary>Writes the parameters, buffers and counters back into <paramref name="net"/>.</summary>
    public void CopyTo(INetwork net)
    {
        parameters.CopyTo(net.Parameters);
        buffers.CopyTo(net.Buffers);
        counters.CopyTo(net.Counters);
    }

    /// <summary>The values of a float tensor.</summary>
    public Span<float> Floats(NetworkTensor tensor) => tensor.Block switch
    {
        TensorBlock.Parameters => parameters.AsSpan(tensor.Offset, tensor.Count),
        TensorBlock.Buffers => buffers.AsSpan(tensor.Offset, tensor.Count),
        TensorBlock.Optimizer => optimizer.AsSpan(tensor.Offset, tensor.Count),
        _ => throw new ArgumentException($"Tensor '{tensor.Name}' holds integers.", nameof(tensor)),
    };

    /// <summary>The values of a counter tensor.</summary>
    public Span<long> Integers(NetworkTensor tensor) => tensor.IsInteger
        ? counters.AsSpan(tensor.Offset, tensor.Count)
        : throw new ArgumentException($"Tensor '{tensor.Name}' holds floats.", nameof(tensor));
}
