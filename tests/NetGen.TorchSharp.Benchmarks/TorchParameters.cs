using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetGen.TorchSharp.Benchmarks;

/// <summary>
/// Copies between a NetGen parameter block and the tensors of a torch module listed in the same order
/// (per layer: weight then bias for <c>Linear</c>; weight_ih, weight_hh, bias_ih, bias_hh for <c>LSTMCell</c>,
/// each in the same row-major <c>[out, in]</c> layout as NetGen's).
/// </summary>
public static class TorchParameters
{
    /// <summary>Overwrites <paramref name="parameters"/> with consecutive slices of <paramref name="values"/>.</summary>
    public static void Load(IReadOnlyList<Tensor> parameters, ReadOnlySpan<float> values)
    {
        long total = parameters.Sum(parameter => parameter.numel());
        if (total != values.Length)
            throw new ArgumentException($"The torch module has {total} parameters, the NetGen block {values.Length}.", nameof(values));
        int offset = 0;
        using IDisposable noGrad = torch.no_grad();
        foreach (Tensor parameter in parameters)
        {
            int count = (int)parameter.numel();
            using Tensor source = torch.tensor(values.Slice(offset, count).ToArray(), parameter.shape);
            parameter.copy_(source);
            offset += count;
        }
    }

    /// <summary>The values of <paramref name="tensors"/>, concatenated (NetGen's layout for a module's parameters).</summary>
    public static float[] Read(IEnumerable<Tensor> tensors) => tensors.SelectMany(tensor => tensor.data<float>().ToArray()).ToArray();

    /// <summary>The gradients of <paramref name="parameters"/> after a backward pass, concatenated.</summary>
    public static float[] ReadGradients(IEnumerable<Tensor> parameters) =>
        Read(parameters.Select(parameter => parameter.grad ?? throw new InvalidOperationException("A torch parameter has no gradient: run backward first.")));

    /// <summary>A <c>[rows, values.Length / rows]</c> tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor Rows(float[] values, int rows)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows <= 0 || values.Length % rows != 0)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"Must be positive and divide the {values.Length} values.");
        return torch.tensor(values, [rows, values.Length / rows]);
    }
}
